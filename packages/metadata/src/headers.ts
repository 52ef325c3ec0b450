import type { GatewayContext } from '@signalbox/core';

/** The context fields the response headers are computed from. */
export type HeaderSource = Pick<GatewayContext, 'generationId' | 'attempts' | 'resolved' | 'cacheStatus'>;

/** Printable ASCII only and at most 256 characters: a model id from the client cannot break the response. */
export function headerSafe(value: string): string {
  return value.replace(/[^\x20-\x7e]/g, '_').slice(0, 256);
}

/**
 * The metadata response headers: `<prefix>generation-id`, `<prefix>provider` and
 * `<prefix>model` (the provider and catalog model that answered; absent when none did),
 * `<prefix>attempts` (provider attempts made, failed ones included) and `<prefix>cache-status`
 * when the cache middleware set one.
 */
export function metadataHeaders(source: HeaderSource, prefix: string): Record<string, string> {
  const headers: Record<string, string> = {
    [`${prefix}generation-id`]: source.generationId,
    [`${prefix}attempts`]: String(source.attempts.length),
  };
  if (source.resolved !== undefined) {
    headers[`${prefix}provider`] = headerSafe(source.resolved.provider);
    headers[`${prefix}model`] = headerSafe(source.resolved.model);
  }
  if (source.cacheStatus !== undefined) headers[`${prefix}cache-status`] = source.cacheStatus;
  return headers;
}
