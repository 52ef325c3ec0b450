import type { RouteMiddleware } from '@signalbox/core';
import { auth } from './auth.js';

/** Options of {@link apiKeyAuth}: a fixed list of keys. */
export interface ApiKeyAuthOptions {
  /** Accepted gateway keys, in clear (hashed at construction; only the hashes are kept). */
  keys?: string[];
  /** Accepted keys given only as SHA-256 hex hashes (`hashKey(key)`). */
  keyHashes?: string[];
  /** Let requests through that the host app already gave a principal (default true). */
  trustHostPrincipal?: boolean;
}

/**
 * The simple form of {@link auth}: a fixed list of gateway keys (at least one), sent as
 * `Authorization: Bearer` or `x-api-key`; 401 in the endpoint's shape otherwise. Keys are kept
 * only as SHA-256 hashes. The host app's principal, when the binding set one, is accepted as is.
 */
export function apiKeyAuth(options: ApiKeyAuthOptions): RouteMiddleware {
  if ((options.keys?.length ?? 0) + (options.keyHashes?.length ?? 0) === 0) {
    throw new TypeError('apiKeyAuth: give at least one key (keys or keyHashes)');
  }
  return auth({
    ...(options.keys && { keys: options.keys }),
    ...(options.keyHashes && { keyHashes: options.keyHashes }),
    ...(options.trustHostPrincipal !== undefined && { trustHostPrincipal: options.trustHostPrincipal }),
  });
}
