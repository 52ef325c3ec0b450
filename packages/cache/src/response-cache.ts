import {
  type Clock,
  defineMiddleware,
  GatewayError,
  type GatewayContext,
  type GatewayMiddleware,
  type Next,
  type StreamPart,
  systemClock,
} from '@signalbox/core';
import { type CacheEntry, jsonBytes, storablePart, storableResult } from './cache-entry.js';
import {
  type CacheRequest,
  cacheHeaderNames,
  cacheResponseHeaders,
  readCacheRequest,
} from './cache-headers.js';
import { cacheKey, cacheScopeOf } from './cache-key.js';
import { Flight, type FlightOutcome, FlightTable, type Participation } from './flight.js';
import { MemoryCacheStore } from './memory-cache-store.js';
import { resilientStore } from './resilient-store.js';
import { type ResponseCacheOptions, parseResponseCacheOptions } from './response-cache-options.js';
import { type HitSettings, serveEntry, serveLive } from './serve-hit.js';
import { StreamBroadcast } from './stream-broadcast.js';
import { pumpStream } from './stream-pump.js';
import { consoleCacheLogger, WarnThrottle } from './warn-throttle.js';

function clientGone(): GatewayError {
  return new GatewayError('The client closed the request.', { status: 499, isRetryable: false });
}

/** Waits for the flight's outcome, or rejects when this request's own client goes away. */
function untilOutcome(flight: Flight, signal: AbortSignal): Promise<FlightOutcome> {
  if (signal.aborted) return Promise.reject(clientGone());
  return new Promise((resolve, reject) => {
    const onAbort = () => reject(clientGone());
    signal.addEventListener('abort', onAbort, { once: true });
    flight.outcome.then((outcome) => {
      signal.removeEventListener('abort', onAbort);
      resolve(outcome);
    });
  });
}

/**
 * Runs the leader's upstream call under the flight's signal instead of its own client's, so that
 * the call goes on while any client sharing it is still there (it aborts when they all left).
 */
function useFlightSignal(context: GatewayContext, signal: AbortSignal): void {
  (context as unknown as { signal: AbortSignal }).signal = signal;
}

/**
 * The response cache: an opt-in, per-request cache of complete model responses, with request
 * coalescing. Place it outside the metadata, log and router middlewares:
 *
 * @example
 * ```ts
 * createGateway({ providers, use: [auth(), cost(), responseCache(), metadata(), router()] });
 * ```
 *
 * - A request opts in with `x-signalbox-cache: true` (or the route is on by default), sets the
 *   TTL with `x-signalbox-cache-ttl: <1..86400>` and refreshes with `x-signalbox-cache-clear: true`;
 *   a bad value is a 400 naming the header.
 * - Key: scope (principal or project) + model + endpoint + stream flag + SHA-256 of the canonical
 *   request (sorted keys): JSON key order and whitespace do not matter.
 * - Stored: the canonical result, or the recorded stream parts, of complete successes only
 *   (no errors, no aborted or truncated streams, nothing over `maxEntryBytes`).
 * - A hit is answered without calling the next middleware: a new generation and response id, 0
 *   tokens (`ctx.usage`), `ctx.cacheStatus = 'HIT'`, `ctx.resolved` of the stored response, the
 *   `provider_metadata.gateway.cache` object, and the `x-signalbox-cache-*` headers.
 * - Identical requests in flight in this process share one upstream call (followers are hits).
 * - A store that fails is a miss with a throttled warning, never a failed request.
 */
export function responseCache(options: ResponseCacheOptions = {}): GatewayMiddleware {
  const settings = parseResponseCacheOptions(options);
  const names = cacheHeaderNames(settings.headerPrefixes);
  const flights = new FlightTable();
  const warnings = new WarnThrottle(
    settings.logger ?? consoleCacheLogger,
    settings.warnIntervalMs,
    settings.clock ?? systemClock,
  );
  const store = resilientStore(
    settings.store ?? new MemoryCacheStore(settings.clock ? { clock: settings.clock } : {}),
    {
      timeoutMs: settings.storeTimeoutMs,
      warnings,
    },
  );
  const enabledFor = (endpoint: string) =>
    settings.enabledByDefault === true ||
    (settings.enabledByDefault !== false && settings.enabledByDefault.has(endpoint));

  function hitSettings(key: string, clock: Clock): HitSettings {
    return { prefixes: names.prefixes, key, now: clock.now() };
  }

  function usable(entry: CacheEntry | undefined, stream: boolean, now: number): entry is CacheEntry {
    return entry !== undefined && entry.kind === (stream ? 'stream' : 'result') && entry.expiresAt > now;
  }

  async function store_(key: string, entry: CacheEntry, ttlMs: number): Promise<void> {
    if (entry.bytes <= settings.maxEntryBytes) await store.set(key, entry, ttlMs);
  }

  function markMiss(context: GatewayContext, key: string, ttlSeconds: number): void {
    context.cacheStatus = 'MISS';
    context.state.cache = { status: 'MISS', key };
    Object.assign(
      context.responseHeaders,
      cacheResponseHeaders(names.prefixes, { status: 'MISS', ttlSeconds }),
    );
  }

  function entryInfo(context: GatewayContext, now: number, ttlMs: number) {
    return {
      version: 1 as const,
      generationId: context.generationId,
      createdAt: now,
      expiresAt: now + ttlMs,
      ...(context.resolved !== undefined && { resolved: { ...context.resolved } }),
      ...(context.responseModel !== undefined && { responseModel: context.responseModel }),
      bytes: 0,
    };
  }

  async function lead(context: GatewayContext, next: Next, key: string, request: CacheRequest, clock: Clock) {
    const flight = settings.coalesce ? flights.start(key) : new Flight();
    const clientSignal = context.signal;
    // Counted in from the start: a follower that joins and leaves during the lookup must not end the flight.
    const participation: Participation = flight.join(clientSignal);
    const release = () => {
      flight.finish();
      participation.leave();
      flights.end(key, flight);
    };
    const ttlMs = request.ttlSeconds * 1000;
    let found: CacheEntry | undefined;
    if (request.clear) await store.delete(key);
    else found = await store.get(key);
    if (usable(found, context.request.stream, clock.now())) {
      flight.settle({ type: 'entry', entry: found, fromStore: true });
      release();
      serveEntry(context, found, false, hitSettings(key, clock));
      return;
    }
    markMiss(context, key, request.ttlSeconds);
    try {
      if (settings.coalesce) useFlightSignal(context, flight.signal);
      await next();
    } catch (error) {
      flight.settle({ type: 'failed', error, retry: !GatewayError.isInstance(error) });
      release();
      throw error;
    }
    const upstream = context.stream;
    if (context.response !== undefined || (context.request.stream ? !upstream : !context.result)) {
      flight.settle({ type: 'unshared' });
      release();
      return;
    }
    if (!context.request.stream || upstream === undefined) {
      const result = context.result;
      if (result === undefined) {
        flight.settle({ type: 'unshared' });
        return release();
      }
      const entry: CacheEntry = {
        ...entryInfo(context, clock.now(), ttlMs),
        kind: 'result',
        result: storableResult(result),
        usage: result.usage,
      };
      entry.bytes = jsonBytes(entry);
      flight.settle({ type: 'entry', entry, fromStore: false });
      flight.finish();
      participation.leave();
      await store_(key, entry, ttlMs);
      flights.end(key, flight);
      return;
    }
    const broadcast = new StreamBroadcast({ maxBytes: settings.maxEntryBytes });
    flight.settle({
      type: 'live',
      broadcast,
      source: {
        generationId: context.generationId,
        createdAt: clock.now(),
        ...(context.resolved !== undefined && { resolved: { ...context.resolved } }),
        ...(context.responseModel !== undefined && { responseModel: context.responseModel }),
      },
    });
    context.stream = broadcast.subscribe(clientSignal, participation.leave);
    const onComplete = async (parts: readonly StreamPart[]) => {
      const finish = parts.findLast((part) => part.type === 'finish');
      const entry: CacheEntry = {
        ...entryInfo(context, clock.now(), ttlMs),
        kind: 'stream',
        parts: parts.map(storablePart),
        ...(finish?.type === 'finish' && { usage: finish.usage }),
      };
      entry.bytes = jsonBytes(entry);
      await store_(key, entry, ttlMs);
    };
    void pumpStream(upstream, broadcast, flight.signal, onComplete, () => flight.finish()).finally(() =>
      flights.end(key, flight),
    );
  }

  async function serve(context: GatewayContext, next: Next, key: string, request: CacheRequest) {
    const clock = settings.clock ?? context.clock;
    for (let round = 0; ; round += 1) {
      const flight = settings.coalesce && !request.clear ? flights.get(key) : undefined;
      if (flight === undefined) return lead(context, next, key, request, clock);
      const participation = flight.join(context.signal);
      let outcome: FlightOutcome;
      try {
        outcome = await untilOutcome(flight, context.signal);
      } catch (error) {
        participation.leave();
        throw error;
      }
      if (outcome.type === 'live' && outcome.broadcast.joinable) {
        serveLive(
          context,
          outcome.broadcast,
          outcome.source,
          participation,
          request.ttlSeconds,
          hitSettings(key, clock),
        );
        return;
      }
      participation.leave();
      switch (outcome.type) {
        case 'entry':
          serveEntry(context, outcome.entry, true, hitSettings(key, clock));
          return;
        case 'failed':
          if (outcome.retry && round === 0) continue;
          throw outcome.error;
        case 'unshared':
          return next();
        case 'live':
          // Past the size limit: the stream can no longer be replayed from its start.
          return lead(context, next, key, request, clock);
      }
    }
  }

  return defineMiddleware(
    'responseCache',
    async function responseCache(context: GatewayContext, next: Next) {
      const request = readCacheRequest(context.http.headers, names, {
        enabled: enabledFor(context.endpoint),
        ttlSeconds: settings.ttlSeconds,
      });
      if (request.mode === 'off') return next();
      if (request.mode === 'bypass') {
        context.cacheStatus = 'BYPASS';
        context.state.cache = { status: 'BYPASS' };
        Object.assign(context.responseHeaders, cacheResponseHeaders(names.prefixes, { status: 'BYPASS' }));
        return next();
      }
      const key = cacheKey({
        scope: cacheScopeOf(context, settings.scope),
        model: context.request.model,
        endpoint: context.endpoint,
        stream: context.request.stream,
        request: context.request,
      });
      await serve(context, next, key, request);
    },
    { close: () => store.shutdown() },
  );
}
