import { timingSafeEqual } from 'node:crypto';
import {
  defineMiddleware,
  GatewayError,
  type Principal,
  type RouteContext,
  type RouteMiddleware,
} from '@signalbox/core';
import { z } from 'zod';
import { hashKey, keyDisplayPrefix } from './key-hash.js';
import { MAX_CREDENTIAL_LENGTH, readCredential } from './read-credential.js';

export interface ApiKeyAuthOptions {
  /** Accepted gateway keys, in clear (hashed at construction; only the hashes are kept). */
  keys?: string[];
  /** Accepted keys given only as SHA-256 hex hashes (`hashKey(key)`). */
  keyHashes?: string[];
  /** Let requests through that the host app already gave a principal (default true). */
  trustHostPrincipal?: boolean;
}

const optionsSchema = z
  .object({
    keys: z.array(z.string().min(8, 'gateway keys must be at least 8 characters')).optional(),
    keyHashes: z.array(z.string().regex(/^[0-9a-f]{64}$/, 'key hashes are SHA-256 hex')).optional(),
    trustHostPrincipal: z.boolean().optional(),
  })
  .refine((value) => (value.keys?.length ?? 0) + (value.keyHashes?.length ?? 0) > 0, 'give at least one key');

function unauthorized(message: string): GatewayError {
  return new GatewayError(message, { status: 401, type: 'authentication_error', code: 'invalid_api_key' });
}

/**
 * Authenticates gateway keys sent as `Authorization: Bearer` or `x-api-key`; 401 in the
 * endpoint's shape otherwise. Keys are kept only as SHA-256 hashes and compared in constant
 * time. Runs for every route (models list included). The host app's principal, when the binding
 * set one, is accepted as is.
 */
export function apiKeyAuth(options: ApiKeyAuthOptions): RouteMiddleware {
  const parsed = optionsSchema.safeParse(options);
  if (!parsed.success) throw new TypeError(`apiKeyAuth: ${parsed.error.issues[0]?.message}`);
  const hashes = [...(options.keys ?? []).map(hashKey), ...(options.keyHashes ?? [])].map((hash) =>
    Buffer.from(hash, 'hex'),
  );
  const trustHost = options.trustHostPrincipal ?? true;

  function findKey(key: string): Buffer | undefined {
    const presented = Buffer.from(hashKey(key), 'hex');
    let found: Buffer | undefined;
    for (const hash of hashes) if (timingSafeEqual(hash, presented)) found = hash; // no early exit
    return found;
  }

  return defineMiddleware<RouteContext>(
    'apiKeyAuth',
    async function apiKeyAuth(context, next) {
      if (context.principal && trustHost) return next();
      const key = readCredential(context.http.headers);
      if (key === undefined) {
        throw unauthorized(
          "Missing API key: send your gateway key as 'Authorization: Bearer <key>' or 'x-api-key: <key>'.",
        );
      }
      if (key.length > MAX_CREDENTIAL_LENGTH) throw unauthorized('Invalid API key.');
      const hash = findKey(key);
      if (!hash) throw unauthorized(`Invalid API key provided: ${keyDisplayPrefix(key)}`);
      const principal: Principal = {
        id: `key_${hash.toString('hex').slice(0, 16)}`,
        kind: 'key',
        keyPrefix: keyDisplayPrefix(key),
      };
      context.principal = principal;
      return next();
    },
    { scope: 'all' },
  ) as RouteMiddleware;
}
