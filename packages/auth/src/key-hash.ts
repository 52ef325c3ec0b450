import { createHash, randomBytes } from 'node:crypto';

/** The prefix of every Signalbox gateway key, so leaked keys are recognisable (and scannable). */
export const KEY_PREFIX = 'sk-sb-';

/** SHA-256 of a key, hex. Keys are stored and compared only as this hash. */
export function hashKey(key: string): string {
  return createHash('sha256').update(key, 'utf8').digest('hex');
}

/** A new gateway key: the prefix and 32 random bytes (256 bits) in base64url. */
export function generateKey(): string {
  return `${KEY_PREFIX}${randomBytes(32).toString('base64url')}`;
}

/** The part of a key that is safe to show and log: the prefix and 4 characters. */
export function keyDisplayPrefix(key: string): string {
  return key.startsWith(KEY_PREFIX) ? key.slice(0, KEY_PREFIX.length + 4) : `${key.slice(0, 3)}…`;
}
