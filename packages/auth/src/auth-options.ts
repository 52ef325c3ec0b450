import type { GatewayLogger } from '@signalbox/core';
import { z } from 'zod';
import type { KeyStore } from './key-store.js';
import { PROVIDER_KEY_HEADER_PREFIX } from './provider-key-headers.js';
import type { SecretBox } from './secret-box.js';

/** Options of {@link auth}. */
export interface AuthOptions {
  /** Static gateway keys, in clear (hashed at construction; only the hashes are kept). */
  keys?: string[];
  /** Static keys given only as SHA-256 hex hashes (`hashKey(key)`). */
  keyHashes?: string[];
  /** Where created keys live: `MemoryKeyStore` (default) or `PostgresKeyStore`. */
  store?: KeyStore;
  /** Let requests through that the host app already gave a principal (default true). */
  trustHostPrincipal?: boolean;
  /**
   * How long a found key is cached, ms (default 10,000; 0 = off). A key disabled or deleted by
   * another process keeps working here for at most this long.
   */
  cacheTtlMs?: number;
  /**
   * Opens and seals stored BYOK provider keys (AES-256-GCM): a `SecretBox`, or a 32-byte key as
   * base64 or hex. Default: `SIGNALBOX_ENCRYPTION_KEY` from the environment.
   */
  encryptionKey?: string | SecretBox;
  /**
   * Accept per-request provider keys in `x-signalbox-provider-key-<provider>` headers (default
   * false: such a header is a 400). `{ prefix }` changes the header prefix.
   */
  providerKeyHeaders?: boolean | { prefix: string };
  /** Mounts the admin API, guarded by `key` (at least 16 characters), under `prefix` (`/admin`). */
  admin?: { key: string; prefix?: string };
  /** Where warnings go; default the console. */
  logger?: Pick<GatewayLogger, 'warn'>;
}

const optionsSchema = z.strictObject({
  keys: z.array(z.string().min(8, 'gateway keys must be at least 8 characters')).optional(),
  keyHashes: z.array(z.string().regex(/^[0-9a-f]{64}$/, 'key hashes are SHA-256 hex')).optional(),
  store: z
    .looseObject({ findKeyByHash: z.function(), getProject: z.function() }, { error: 'expected a KeyStore' })
    .optional(),
  trustHostPrincipal: z.boolean().optional(),
  cacheTtlMs: z.number().int().min(0).max(3_600_000).optional(),
  encryptionKey: z.union([z.string(), z.looseObject({ seal: z.function(), open: z.function() })]).optional(),
  providerKeyHeaders: z
    .union([
      z.boolean(),
      z.strictObject({
        prefix: z
          .string()
          .regex(/^[a-z0-9-]+-$/, 'a header prefix is lower-case letters, digits and "-", ending in "-"'),
      }),
    ])
    .optional(),
  admin: z
    .strictObject({
      key: z.string().min(16, 'the admin key must be at least 16 characters'),
      prefix: z
        .string()
        .regex(/^(\/[a-z0-9_-]+)+$/, 'the admin prefix is a path like /admin (lower-case, no trailing slash)')
        .optional(),
    })
    .optional(),
  logger: z.looseObject({ warn: z.function() }).optional(),
});

/** Validates the options at construction: a mistake is a TypeError naming the option. */
export function checkAuthOptions(name: string, options: AuthOptions): void {
  const parsed = optionsSchema.safeParse(options);
  if (parsed.success) return;
  const issue = parsed.error.issues[0];
  const path = issue?.path.join('.') || (issue?.code === 'unrecognized_keys' ? issue.keys.join(', ') : '');
  throw new TypeError(`${name}: invalid option ${path || '(root)'}: ${issue?.message}`);
}

/** The header prefix for per-request provider keys, or undefined when they are not accepted. */
export function providerKeyHeaderPrefix(options: AuthOptions): string | undefined {
  const setting = options.providerKeyHeaders;
  if (!setting) return undefined;
  return setting === true ? PROVIDER_KEY_HEADER_PREFIX : setting.prefix;
}
