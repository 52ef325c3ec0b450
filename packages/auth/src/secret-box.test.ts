import { describe, expect, it } from 'vitest';
import { createSecretBox, generateEncryptionKey, secretBoxFromEnv } from './secret-box.js';

describe('createSecretBox', () => {
  const key = generateEncryptionKey();
  const box = createSecretBox(key);

  it('seals with a fresh IV each time and opens again', () => {
    const first = box.seal('sk-provider-secret', 'key_1:openai');
    const second = box.seal('sk-provider-secret', 'key_1:openai');
    expect(first).not.toBe(second);
    expect(first).not.toContain('sk-provider-secret');
    expect(first.startsWith('v1:')).toBe(true);
    expect(box.open(first, 'key_1:openai')).toBe('sk-provider-secret');
  });

  it('does not open for another context, another key, or altered ciphertext', () => {
    const sealed = box.seal('secret', 'key_1:openai');
    expect(() => box.open(sealed, 'key_2:openai')).toThrow(/cannot be opened/);
    expect(() => createSecretBox(generateEncryptionKey()).open(sealed, 'key_1:openai')).toThrow();
    const parts = sealed.split(':');
    const altered = [...parts.slice(0, 3), `A${parts[3]?.slice(1)}`].join(':');
    expect(() => box.open(altered, 'key_1:openai')).toThrow();
    expect(() => box.open('garbage', 'key_1:openai')).toThrow(/Not a sealed secret/);
  });

  it('accepts hex and base64url keys and refuses other lengths without echoing the key', () => {
    const hex = 'ab'.repeat(32);
    expect(createSecretBox(hex).open(createSecretBox(Buffer.from(hex, 'hex')).seal('x', 'c'), 'c')).toBe('x');
    expect(() => createSecretBox('too-short-key')).toThrow(TypeError);
    try {
      createSecretBox('too-short-key');
    } catch (error) {
      expect(String(error)).not.toContain('too-short-key');
    }
  });

  it('reads SIGNALBOX_ENCRYPTION_KEY', () => {
    expect(secretBoxFromEnv({})).toBeUndefined();
    expect(secretBoxFromEnv({ SIGNALBOX_ENCRYPTION_KEY: key })).toBeDefined();
  });
});
