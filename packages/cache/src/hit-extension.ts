import type { GatewayContext, ResponseExtender, ResponseExtension } from '@signalbox/core';

/** What a hit says about itself in the response, under the gateway metadata's `cache` key. */
export interface CacheHitMetadata {
  status: 'HIT';
  /** Generation id of the response that was stored (or of the shared request, when coalesced). */
  sourceGenerationId: string;
  ageSeconds: number;
  ttlSeconds: number;
  /** True when the hit shared a request in flight rather than reading a stored entry. */
  coalesced: boolean;
  /** What the stored response used upstream (the hit itself reports 0 tokens). */
  storedUsage?: { inputTokens?: number; outputTokens?: number };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function mergeInto(target: Required<ResponseExtension>, extension: ResponseExtension | undefined): void {
  if (!extension) return;
  Object.assign(target.body, extension.body);
  Object.assign(target.message, extension.message);
  Object.assign(target.choice, extension.choice);
  Object.assign(target.usage, extension.usage);
}

/** Adds `cache` to `holder.provider_metadata.gateway`, keeping what another extender put there. */
function withCache(
  holder: Record<string, unknown>,
  cache: CacheHitMetadata,
  generationId: string,
): Record<string, unknown> {
  const providerMetadata = isRecord(holder.provider_metadata) ? holder.provider_metadata : {};
  const gateway = isRecord(providerMetadata.gateway) ? providerMetadata.gateway : {};
  return {
    ...providerMetadata,
    gateway: { ...gateway, generationId: gateway.generationId ?? generationId, cache },
  };
}

/**
 * Says in the response that it came from the cache, where the gateway metadata lives: OpenAI
 * `choices[0].message.provider_metadata.gateway.cache` (the final chunk's delta when streaming),
 * Anthropic the message's `provider_metadata.gateway.cache` (the final `message_delta` event).
 *
 * The extenders other middlewares registered earlier (a metadata middleware placed outside the
 * cache) are folded into this one, so their `provider_metadata.gateway` and the `cache` object
 * end up side by side instead of one replacing the other.
 */
export function addHitExtension(context: GatewayContext, cache: CacheHitMetadata): void {
  const earlier: ResponseExtender[] = context.extenders.splice(0, context.extenders.length);
  context.extenders.push((current) => {
    const merged: Required<ResponseExtension> = { body: {}, message: {}, choice: {}, usage: {} };
    for (const extender of earlier) mergeInto(merged, extender(current));
    if (current.format === 'openai') {
      merged.message.provider_metadata = withCache(merged.message, cache, current.generationId);
    } else {
      merged.body.provider_metadata = withCache(merged.body, cache, current.generationId);
    }
    return merged;
  });
}
