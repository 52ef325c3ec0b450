import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

/** The environment variable the encryption key is read from by default. */
export const ENCRYPTION_KEY_VARIABLE = 'SIGNALBOX_ENCRYPTION_KEY';

/**
 * Seals secrets (bring-your-own provider keys) for storage with AES-256-GCM. `context` is bound
 * into the ciphertext as associated data (the key id and provider), so a sealed value copied to
 * another key or provider does not open.
 */
export interface SecretBox {
  /** Encrypts `plaintext` bound to `context`; the result is a self-contained string to store. */
  seal(plaintext: string, context: string): string;
  /** Throws when the value was not sealed by this key for this context (or was altered). */
  open(sealed: string, context: string): string;
}

const VERSION = 'v1';

function parseKey(key: string | Uint8Array): Buffer {
  if (typeof key !== 'string') return Buffer.from(key);
  const text = key.trim();
  if (/^[0-9a-f]{64}$/i.test(text)) return Buffer.from(text, 'hex');
  return Buffer.from(text, /[-_]/.test(text) ? 'base64url' : 'base64');
}

/** A new random encryption key, base64 (what `openssl rand -base64 32` prints). */
export function generateEncryptionKey(): string {
  return randomBytes(32).toString('base64');
}

/**
 * A secret box for a 32-byte key given as bytes, base64(url) or 64 hex digits. Throws a
 * TypeError (that does not contain the key) when it is not 32 bytes.
 */
export function createSecretBox(key: string | Uint8Array): SecretBox {
  const bytes = parseKey(key);
  if (bytes.length !== 32) {
    throw new TypeError(
      `The encryption key must be 32 bytes, given as base64 or 64 hex digits (e.g. openssl rand -base64 32); got ${bytes.length} bytes.`,
    );
  }
  return {
    seal(plaintext, context) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', bytes, iv);
      cipher.setAAD(Buffer.from(context, 'utf8'));
      const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
      return [VERSION, iv, cipher.getAuthTag(), ciphertext]
        .map((part) => (typeof part === 'string' ? part : part.toString('base64url')))
        .join(':');
    },
    open(sealed, context) {
      const [version, iv, tag, ciphertext] = sealed.split(':');
      if (version !== VERSION || !iv || !tag || ciphertext === undefined) {
        throw new Error('Not a sealed secret');
      }
      try {
        const decipher = createDecipheriv('aes-256-gcm', bytes, Buffer.from(iv, 'base64url'));
        decipher.setAAD(Buffer.from(context, 'utf8'));
        decipher.setAuthTag(Buffer.from(tag, 'base64url'));
        return Buffer.concat([
          decipher.update(Buffer.from(ciphertext, 'base64url')),
          decipher.final(),
        ]).toString('utf8');
      } catch {
        throw new Error('The secret cannot be opened with this encryption key');
      }
    },
  };
}

/** The secret box for `SIGNALBOX_ENCRYPTION_KEY`, or undefined when the variable is not set. */
export function secretBoxFromEnv(
  env: Record<string, string | undefined> = process.env,
): SecretBox | undefined {
  const key = env[ENCRYPTION_KEY_VARIABLE];
  return key ? createSecretBox(key) : undefined;
}
