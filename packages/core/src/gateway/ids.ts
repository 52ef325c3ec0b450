import { randomBytes } from 'node:crypto';
import type { Clock, IdGenerator } from './context.js';

const alphabet = Buffer.from('0123456789abcdefghijklmnopqrstuvwxyz', 'latin1');

/**
 * Random bytes are drawn 4 KiB at a time and handed out in order (each byte used once), so an id
 * costs no call into OpenSSL: `randomBytes` per id was a measurable share of a request's CPU.
 */
const POOL_SIZE = 4096;
let pool = Buffer.alloc(0);
let offset = 0;
/** An id's characters are written here, then read as one flat string (not built a char at a time). */
const scratch = Buffer.alloc(64);

function randomId(length: number): string {
  if (offset + length > pool.length) {
    pool = randomBytes(POOL_SIZE);
    offset = 0;
  }
  for (let index = 0; index < length; index += 1) {
    scratch[index] = alphabet[(pool[offset + index] as number) % 36] as number;
  }
  offset += length;
  return scratch.toString('latin1', 0, length);
}

/** Random ids: `gen_` + 26 base-36 characters (~134 bits), and prefixed ids of the same kind. */
export const randomIds: IdGenerator = {
  generationId: () => `gen_${randomId(26)}`,
  id: (prefix: string) => `${prefix}${randomId(24)}`,
};

/** The real clock (`Date.now()`), the default of `createGateway`. */
export const systemClock: Clock = { now: () => Date.now() };
