import type { GenerateResult, ResponseInfo, StreamPart, Usage } from '@signalbox/core';

/** The catalog model and provider that produced a stored response (`ctx.resolved`). */
export interface ResolvedTarget {
  model: string;
  provider: string;
  providerModelId: string;
}

/** What every stored response carries besides its content. */
export interface CacheEntryInfo {
  /** Format version of the entry; entries of another version are ignored (a miss). */
  version: 1;
  /** The generation id of the response that was stored (`x-signalbox-cache-source-id` on hits). */
  generationId: string;
  /** Clock milliseconds when it was stored. */
  createdAt: number;
  /** Clock milliseconds after which it is not served. */
  expiresAt: number;
  resolved?: ResolvedTarget;
  /** The `model` the first client saw (the metadata middleware may have set the model used). */
  responseModel?: string;
  /** The usage the provider reported for the stored response; hits report 0 tokens instead. */
  usage?: Usage;
  /** Approximate size in bytes (its JSON), for the memory store's byte bound. */
  bytes: number;
}

/**
 * A stored response: the canonical result of a non-streamed call, or the recorded parts of a
 * streamed one. Canonical, not wire bytes: a hit is encoded again in the client's format, with
 * a new response id and generation id.
 */
export type CacheEntry =
  | (CacheEntryInfo & { kind: 'result'; result: GenerateResult })
  | (CacheEntryInfo & { kind: 'stream'; parts: StreamPart[] });

/** Usage of a response served from the cache: every count known, and 0. */
export function zeroUsage(): Usage {
  return {
    inputTokens: { total: 0, noCache: 0, cacheRead: 0, cacheWrite: 0 },
    outputTokens: { total: 0, text: 0, reasoning: 0 },
  };
}

/** Response info without what belongs to the one upstream response (its id, request id, headers). */
function stableResponseInfo(info: ResponseInfo): ResponseInfo {
  const { id: _id, requestId: _requestId, headers: _headers, ...rest } = info;
  return rest;
}

/** A result as stored: the upstream response's own id, request id and headers are dropped. */
export function storableResult(result: GenerateResult): GenerateResult {
  return { ...result, response: stableResponseInfo(result.response) };
}

/** A stream part as stored (`response-metadata` without the upstream's ids and headers). */
export function storablePart(part: StreamPart): StreamPart {
  if (part.type !== 'response-metadata') return part;
  const { type: _type, ...info } = part;
  return { type: 'response-metadata', ...stableResponseInfo(info) };
}

/** Size of a value as JSON, in bytes; `Infinity` when it cannot be written as JSON (never stored). */
export function jsonBytes(value: unknown): number {
  try {
    return Buffer.byteLength(JSON.stringify(value) ?? '');
  } catch {
    return Number.POSITIVE_INFINITY;
  }
}

/**
 * Provider metadata as reported on a hit: Anthropic's usage extras (`cache_creation`,
 * `service_tier`...) are dropped so the client's usage shows 0 everywhere.
 */
function withoutUsageExtras<T extends { providerMetadata?: Record<string, Record<string, unknown>> }>(
  value: T,
): T {
  const anthropic = value.providerMetadata?.anthropic;
  if (anthropic === undefined || !('usage' in anthropic)) return value;
  const { usage: _usage, ...rest } = anthropic;
  return { ...value, providerMetadata: { ...value.providerMetadata, anthropic: rest } };
}

/** A stored result as served on a hit: 0 usage, and no response id (the encoder makes a new one). */
export function resultForHit(result: GenerateResult): GenerateResult {
  return withoutUsageExtras({ ...result, usage: zeroUsage(), response: stableResponseInfo(result.response) });
}

/** A stored or shared stream part as served on a hit: the `finish` part reports 0 usage. */
export function partForHit(part: StreamPart): StreamPart {
  if (part.type !== 'finish') return part;
  return withoutUsageExtras({ ...part, usage: zeroUsage() });
}

/** Minimal structural check of an entry read from a shared store (a corrupt one is a miss). */
export function isCacheEntry(value: unknown): value is CacheEntry {
  if (typeof value !== 'object' || value === null) return false;
  const entry = value as Partial<Record<keyof CacheEntry, unknown>> & { result?: unknown; parts?: unknown };
  if (entry.version !== 1 || typeof entry.generationId !== 'string') return false;
  if (typeof entry.createdAt !== 'number' || typeof entry.expiresAt !== 'number') return false;
  if (entry.kind === 'result') return typeof entry.result === 'object' && entry.result !== null;
  return entry.kind === 'stream' && Array.isArray(entry.parts);
}
