import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { generateKey, hashKey, KEY_PREFIX, keyDisplayPrefix, newKeyId, staticKeyId } from './key-hash.js';

describe('key hashing and ids', () => {
  it('generates prefixed 256-bit keys and hashes them with SHA-256', () => {
    const key = generateKey();
    expect(key).toMatch(/^sk-sb-[A-Za-z0-9_-]{43}$/);
    expect(Buffer.from(key.slice(KEY_PREFIX.length), 'base64url')).toHaveLength(32);
    expect(hashKey('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    for (const text of [key, 'clé-ünïcödé-🔑', '']) {
      expect(hashKey(text)).toBe(createHash('sha256').update(text, 'utf8').digest('hex'));
    }
    expect(keyDisplayPrefix(key)).toBe(key.slice(0, 10));
    expect(keyDisplayPrefix('other-key')).toBe('oth…');
  });

  it('makes random key ids, and stable static ids that are not part of the hash', () => {
    expect(newKeyId()).toMatch(/^key_[A-Za-z0-9_-]{16}$/);
    expect(newKeyId()).not.toBe(newKeyId());
    const hash = hashKey('sk-sb-static');
    expect(staticKeyId(hash)).toBe(staticKeyId(hash));
    expect(hash).not.toContain(staticKeyId(hash).slice(4));
  });
});
