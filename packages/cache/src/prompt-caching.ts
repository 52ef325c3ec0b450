import { createHash } from 'node:crypto';
import {
  type ChatRequest,
  defineMiddleware,
  GatewayError,
  type GatewayContext,
  type GatewayMiddleware,
  type Next,
  systemClock,
} from '@signalbox/core';
import { type AffinityStore, MemoryAffinityStore } from './affinity-store.js';
import { canonicalJson } from './canonical-json.js';
import { insertCacheMarkers, type MarkerLocation } from './cache-markers.js';
import { type PromptCachingOptions, parsePromptCachingOptions } from './prompt-caching-options.js';
import { hasStaticPrefix, type StaticPrefix, staticPrefix } from './prompt-prefix.js';
import { withTimeout } from './resilient-store.js';
import { consoleCacheLogger, WarnThrottle } from './warn-throttle.js';

/** What prompt caching did for a request, in `ctx.state.promptCaching`. */
export interface PromptCachingState {
  /** Where breakpoints were added (`tools`, `system`, `conversation`). */
  added: MarkerLocation[];
  /** Breakpoints the client had set. */
  existing: number;
  /** The provider the request was steered to, when the prefix was seen before. */
  preferredProvider?: string;
}

declare module '@signalbox/core' {
  interface GatewayState {
    /** Set by `@signalbox/cache`'s prompt caching for the requests it handled. */
    promptCaching?: PromptCachingState;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Vercel's `providerOptions.gateway.caching`, from the canonical request or the client's body. */
function requestedCaching(request: ChatRequest): unknown {
  const own = request.providerOptions?.gateway?.caching;
  if (own !== undefined) return own;
  const body = request.source?.extraFields.providerOptions;
  const gateway = isRecord(body) ? body.gateway : undefined;
  return isRecord(gateway) ? gateway.caching : undefined;
}

function invalid(message: string, param: string): GatewayError {
  return new GatewayError(message, {
    status: 400,
    type: 'invalid_request_error',
    code: 'invalid_request',
    param,
  });
}

/** The mode of one request: its header, else its `providerOptions.gateway.caching`, else the gateway's. */
function requestMode(context: GatewayContext, header: string, fallback: 'auto' | 'off'): 'auto' | 'off' {
  const raw = context.http.headers[header];
  if (raw !== undefined) {
    const value = raw.trim().toLowerCase();
    if (value === 'auto' || value === 'off') return value;
    throw invalid(`Invalid ${header} header value '${raw.slice(0, 40)}': use auto or off.`, header);
  }
  const caching = requestedCaching(context.request);
  if (caching === undefined) return fallback;
  if (caching === 'auto' || caching === 'off') return caching;
  throw invalid(
    `Invalid providerOptions.gateway.caching value ${JSON.stringify(caching).slice(0, 40)}: use 'auto'.`,
    'providerOptions.gateway.caching',
  );
}

/**
 * The affinity key of a prefix: the model and the static prefix's canonical JSON (markers
 * aside), plus the principal when it brings its own provider keys (its provider cache is its own).
 */
export function affinityKey(context: GatewayContext, prefix: StaticPrefix): string {
  const owner = context.principal?.providerKeys ? context.principal.id : '';
  return createHash('sha256')
    .update(JSON.stringify(['sbx-affinity-v1', context.request.model, owner]))
    .update(canonicalJson({ tools: prefix.tools, system: prefix.system, earlier: prefix.earlier }))
    .digest('hex');
}

/**
 * Provider prompt caching that hits, as Vercel's `caching: 'auto'`: for each request it applies
 * to, inserts Anthropic `cache_control` breakpoints at the end of the static prefix (last tool,
 * last system part, last earlier turn; at most 4 with the client's own, which are left alone;
 * other providers ignore them), and routes a repeated prefix to the provider that served it
 * last (`ctx.preferredProvider`, for 5 minutes), so its prompt cache is read instead of
 * written again. Place it inside the response cache and outside the router:
 *
 * @example
 * ```ts
 * createGateway({ providers, use: [auth(), responseCache(), promptCaching({ mode: 'auto' }), router()] });
 * ```
 */
export function promptCaching(options: PromptCachingOptions = {}): GatewayMiddleware {
  const settings = parsePromptCachingOptions(options);
  const header = `${settings.headerPrefix}prompt-caching`;
  const affinity: AffinityStore | undefined = settings.affinity
    ? (settings.affinityStore ?? new MemoryAffinityStore(settings.clock ? { clock: settings.clock } : {}))
    : undefined;
  const warnings = new WarnThrottle(
    settings.logger ?? consoleCacheLogger,
    settings.warnIntervalMs,
    settings.clock ?? systemClock,
  );
  const ttlMs = settings.affinityTtlSeconds * 1000;

  async function guarded<T>(operation: string, run: () => Promise<T>): Promise<T | undefined> {
    try {
      return await withTimeout(run(), `affinity ${operation}`, settings.storeTimeoutMs);
    } catch (error) {
      warnings.warn(`Prompt-cache affinity store ${operation} failed; routing without affinity`, {
        operation,
        error: error instanceof Error ? error.message : String(error),
      });
      return undefined;
    }
  }

  return defineMiddleware(
    'promptCaching',
    async function promptCaching(context: GatewayContext, next: Next) {
      if (requestMode(context, header, settings.mode) !== 'auto') return next();
      const prefix = staticPrefix(context.request);
      if (!hasStaticPrefix(prefix)) return next();
      const marked = insertCacheMarkers(context.request, {
        maxBreakpoints: settings.maxBreakpoints,
        minPrefixTokens: settings.minPrefixTokens,
        ...(settings.ttl !== undefined && { cacheControl: { type: 'ephemeral', ttl: settings.ttl } }),
      });
      context.request = marked.request;
      const state: PromptCachingState = { added: marked.added, existing: marked.existing };
      context.state.promptCaching = state;
      if (affinity === undefined) return next();
      const key = affinityKey(context, prefix);
      if (context.preferredProvider === undefined) {
        const provider = await guarded('get', () => affinity.get(key));
        if (provider !== undefined) {
          context.preferredProvider = provider;
          state.preferredProvider = provider;
        }
      }
      await next();
      const served = context.resolved?.provider;
      if (served !== undefined && context.cacheStatus !== 'HIT') {
        void guarded('set', () => affinity.set(key, served, ttlMs));
      }
    },
    { close: async () => affinity?.shutdown?.() },
  );
}
