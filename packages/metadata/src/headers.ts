import type { GatewayContext } from '@signalbox/core';

/** The context fields the response headers are computed from. */
export type HeaderSource = Pick<GatewayContext, 'generationId' | 'attempts' | 'resolved' | 'cacheStatus'>;

/** Names of the metadata response headers for one prefix (computed once per prefix). */
export interface MetadataHeaderNames {
  generationId: string;
  attempts: string;
  provider: string;
  model: string;
  cacheStatus: string;
}

const UNSAFE = /[^\x20-\x7e]/;
const UNSAFE_ALL = /[^\x20-\x7e]/g;

/** Printable ASCII only and at most 256 characters: a model id from the client cannot break the response. */
export function headerSafe(value: string): string {
  // Fast path: the usual value is short, printable ASCII and comes back as is.
  if (value.length <= 256 && !UNSAFE.test(value)) return value;
  return value.replace(UNSAFE_ALL, '_').slice(0, 256);
}

/** The header names for a prefix (`<prefix>generation-id`, `<prefix>attempts`...). */
export function metadataHeaderNames(prefix: string): MetadataHeaderNames {
  return {
    generationId: `${prefix}generation-id`,
    attempts: `${prefix}attempts`,
    provider: `${prefix}provider`,
    model: `${prefix}model`,
    cacheStatus: `${prefix}cache-status`,
  };
}

/**
 * Writes the metadata response headers into `target`, in the order {@link metadataHeaders}
 * lists them (what `Object.assign(target, metadataHeaders(...))` does, without the
 * intermediate object).
 */
export function writeMetadataHeaders(
  target: Record<string, string>,
  source: HeaderSource,
  names: MetadataHeaderNames,
): void {
  target[names.generationId] = source.generationId;
  target[names.attempts] = String(source.attempts.length);
  const resolved = source.resolved;
  if (resolved !== undefined) {
    target[names.provider] = headerSafe(resolved.provider);
    target[names.model] = headerSafe(resolved.model);
  }
  if (source.cacheStatus !== undefined) target[names.cacheStatus] = source.cacheStatus;
}

let cachedPrefix: string | undefined;
let cachedNames: MetadataHeaderNames | undefined;

/**
 * The metadata response headers: `<prefix>generation-id`, `<prefix>provider` and
 * `<prefix>model` (the provider and catalog model that answered; absent when none did),
 * `<prefix>attempts` (provider attempts made, failed ones included) and `<prefix>cache-status`
 * when the cache middleware set one.
 */
export function metadataHeaders(source: HeaderSource, prefix: string): Record<string, string> {
  if (cachedNames === undefined || cachedPrefix !== prefix) {
    cachedNames = metadataHeaderNames(prefix);
    cachedPrefix = prefix;
  }
  const headers: Record<string, string> = {};
  writeMetadataHeaders(headers, source, cachedNames);
  return headers;
}
