import { randomBytes } from 'node:crypto';
import type { Clock, IdGenerator } from './context.js';

const alphabet = '0123456789abcdefghijklmnopqrstuvwxyz';

function randomId(length: number): string {
  const bytes = randomBytes(length);
  let out = '';
  for (const byte of bytes) out += alphabet[byte % 36];
  return out;
}

/** Random ids: `gen_` + 26 base-36 characters (~134 bits), and prefixed ids of the same kind. */
export const randomIds: IdGenerator = {
  generationId: () => `gen_${randomId(26)}`,
  id: (prefix: string) => `${prefix}${randomId(24)}`,
};

export const systemClock: Clock = { now: () => Date.now() };
