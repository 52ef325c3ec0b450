import { hash as digest, randomBytes } from 'node:crypto';

/** The prefix of every Signalbox gateway key, so leaked keys are recognisable (and scannable). */
export const KEY_PREFIX = 'sk-sb-';

/** SHA-256 of a key, hex. Keys are stored and compared only as this hash. */
export function hashKey(key: string): string {
  // One-shot `crypto.hash` (no Hash object): the same digest as createHash, at about half the cost.
  return digest('sha256', key, 'hex');
}

/** A new gateway key: the prefix and 32 random bytes (256 bits) in base64url. */
export function generateKey(): string {
  return `${KEY_PREFIX}${randomBytes(32).toString('base64url')}`;
}

/** The part of a key that is safe to show and log: the prefix and 4 characters. */
export function keyDisplayPrefix(key: string): string {
  return key.startsWith(KEY_PREFIX) ? key.slice(0, KEY_PREFIX.length + 4) : `${key.slice(0, 3)}…`;
}

/** A new id for a stored key (`key_` + 16 random base64url characters); never derived from the key. */
export function newKeyId(): string {
  return `key_${randomBytes(12).toString('base64url')}`;
}

/**
 * The stable id of a static key (one given in the options): derived from its hash by another
 * hash, so the same key has the same id (and shares its limits) in every process, while the id
 * reveals nothing of the stored hash.
 */
export function staticKeyId(hash: string): string {
  return `key_${hashKey(`signalbox-static-key-id:${hash}`).slice(0, 16)}`;
}
