import type { GatewayContext, StreamPart, Usage } from '@signalbox/core';
import { type CacheEntry, partForHit, type ResolvedTarget, resultForHit, zeroUsage } from './cache-entry.js';
import { cacheResponseHeaders } from './cache-headers.js';
import { addHitExtension, type CacheHitMetadata } from './hit-extension.js';
import type { LiveSource, Participation } from './flight.js';
import type { StreamBroadcast } from './stream-broadcast.js';

/** What the response cache records about a request in `ctx.state.cache`. */
export interface CacheState {
  status: 'HIT' | 'MISS' | 'BYPASS';
  /** The cache key (SHA-256 hex). */
  key?: string;
  /** HIT: generation id of the stored (or shared) response. */
  sourceGenerationId?: string;
  /** HIT: the request shared another one in flight. */
  coalesced?: boolean;
  /** HIT: the usage of the stored response (the hit reports 0); for a shared stream, known at its end. */
  storedUsage?: Usage;
}

declare module '@signalbox/core' {
  interface GatewayState {
    /** Set by `@signalbox/cache`'s response cache for the requests it handled. */
    cache?: CacheState;
  }
}

/** What serving a hit needs besides the context. */
export interface HitSettings {
  prefixes: readonly string[];
  key: string;
  now: number;
}

function tokenSummary(usage: Usage | undefined): CacheHitMetadata['storedUsage'] {
  if (usage === undefined) return undefined;
  const summary: NonNullable<CacheHitMetadata['storedUsage']> = {};
  if (usage.inputTokens.total !== undefined) summary.inputTokens = usage.inputTokens.total;
  if (usage.outputTokens.total !== undefined) summary.outputTokens = usage.outputTokens.total;
  return summary;
}

interface HitFacts {
  sourceGenerationId: string;
  ageSeconds: number;
  ttlSeconds: number;
  coalesced: boolean;
  resolved: ResolvedTarget | undefined;
  responseModel: string | undefined;
  storedUsage: Usage | undefined;
}

/**
 * Marks the context as a hit: status, 0 usage (the record and the cost see no tokens), the
 * provider and model of the stored response, the headers, `ctx.state.cache` and the metadata
 * extension. Returns the metadata object, which a live stream completes at its end.
 */
function markHit(context: GatewayContext, facts: HitFacts, settings: HitSettings): CacheHitMetadata {
  context.cacheStatus = 'HIT';
  context.usage = zeroUsage();
  if (facts.resolved !== undefined) context.resolved = facts.resolved;
  if (facts.responseModel !== undefined) context.responseModel = facts.responseModel;
  context.timings.firstToken ??= settings.now;
  Object.assign(
    context.responseHeaders,
    cacheResponseHeaders(settings.prefixes, {
      status: 'HIT',
      ttlSeconds: facts.ttlSeconds,
      ageSeconds: facts.ageSeconds,
      sourceGenerationId: facts.sourceGenerationId,
    }),
  );
  context.state.cache = {
    status: 'HIT',
    key: settings.key,
    sourceGenerationId: facts.sourceGenerationId,
    coalesced: facts.coalesced,
    ...(facts.storedUsage !== undefined && { storedUsage: facts.storedUsage }),
  };
  const metadata: CacheHitMetadata = {
    status: 'HIT',
    sourceGenerationId: facts.sourceGenerationId,
    ageSeconds: facts.ageSeconds,
    ttlSeconds: facts.ttlSeconds,
    coalesced: facts.coalesced,
  };
  const stored = tokenSummary(facts.storedUsage);
  if (stored !== undefined) metadata.storedUsage = stored;
  addHitExtension(context, metadata);
  return metadata;
}

async function* replay(parts: readonly StreamPart[]): AsyncGenerator<StreamPart> {
  for (const part of parts) yield partForHit(part);
}

/** Answers from a complete entry: `ctx.result`, or `ctx.stream` replaying the recorded parts. */
export function serveEntry(
  context: GatewayContext,
  entry: CacheEntry,
  coalesced: boolean,
  settings: HitSettings,
): void {
  markHit(
    context,
    {
      sourceGenerationId: entry.generationId,
      ageSeconds: Math.max(0, Math.floor((settings.now - entry.createdAt) / 1000)),
      ttlSeconds: Math.max(0, Math.ceil((entry.expiresAt - settings.now) / 1000)),
      coalesced,
      resolved: entry.resolved,
      responseModel: entry.responseModel,
      storedUsage: entry.usage,
    },
    settings,
  );
  if (entry.kind === 'result') context.result = resultForHit(entry.result);
  else context.stream = replay(entry.parts);
}

/**
 * Answers from a stream another request is receiving right now: every part from the first one,
 * as they arrive. The participation is released when this client's stream ends.
 */
export function serveLive(
  context: GatewayContext,
  broadcast: StreamBroadcast,
  source: LiveSource,
  participation: Participation,
  ttlSeconds: number,
  settings: HitSettings,
): void {
  const metadata = markHit(
    context,
    {
      sourceGenerationId: source.generationId,
      ageSeconds: 0,
      ttlSeconds,
      coalesced: true,
      resolved: source.resolved,
      responseModel: source.responseModel,
      storedUsage: undefined,
    },
    settings,
  );
  context.stream = broadcast.subscribe(context.signal, participation.leave, (part) => {
    if (part.type === 'finish') {
      const state = context.state.cache;
      if (state !== undefined) state.storedUsage = part.usage;
      const stored = tokenSummary(part.usage);
      if (stored !== undefined) metadata.storedUsage = stored;
    }
    return partForHit(part);
  });
}
