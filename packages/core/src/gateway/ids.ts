import { randomBytes } from 'node:crypto';
import type { Clock, IdGenerator } from './context.js';

const alphabet = '0123456789abcdefghijklmnopqrstuvwxyz';

/**
 * Random bytes are drawn 4 KiB at a time and handed out in order (each byte used once), so an id
 * costs no call into OpenSSL: `randomBytes` per id was a measurable share of a request's CPU.
 */
const POOL_SIZE = 4096;
let pool = Buffer.alloc(0);
let offset = 0;

function randomId(length: number): string {
  if (offset + length > pool.length) {
    pool = randomBytes(POOL_SIZE);
    offset = 0;
  }
  let out = '';
  const end = offset + length;
  for (let index = offset; index < end; index += 1) out += alphabet[(pool[index] as number) % 36];
  offset = end;
  return out;
}

/** Random ids: `gen_` + 26 base-36 characters (~134 bits), and prefixed ids of the same kind. */
export const randomIds: IdGenerator = {
  generationId: () => `gen_${randomId(26)}`,
  id: (prefix: string) => `${prefix}${randomId(24)}`,
};

/** The real clock (`Date.now()`), the default of `createGateway`. */
export const systemClock: Clock = { now: () => Date.now() };
