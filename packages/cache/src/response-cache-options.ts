import type { Clock } from '@signalbox/core';
import { z } from 'zod';
import type { CacheScope } from './cache-key.js';
import type { CacheStore } from './cache-store.js';
import { MAX_TTL_SECONDS, MIN_TTL_SECONDS } from './cache-headers.js';
import type { CacheLogger } from './warn-throttle.js';

/** Options of {@link responseCache}. Every field is optional. */
export interface ResponseCacheOptions {
  /** Seconds an entry lives when the request does not say (`<prefix>cache-ttl`); 1 to 86400, default 300. */
  ttlSeconds?: number;
  /**
   * Cache requests that did not ask for it: `true` for every model call, or the endpoints
   * (`['chat.completions']`, `['messages']`). Default false: only requests with `<prefix>cache: true`.
   * A request can always opt out with `<prefix>cache: false` (status BYPASS).
   */
  enabledByDefault?: boolean | string[];
  /**
   * Prefixes of the cache headers, lower-case; default `['x-signalbox-']`: requests send
   * `x-signalbox-cache`, `-cache-ttl`, `-cache-clear`, responses get `x-signalbox-cache-status`,
   * `-cache-ttl`, `-cache-age`, `-cache-source-id`.
   */
  headerPrefixes?: string[];
  /** Also accept OpenRouter's headers (`X-OpenRouter-Cache`, `-TTL`, `-Clear`) and answer with its names too. Default false. */
  openrouter?: boolean;
  /** Largest response stored (its canonical JSON), in bytes; default 1 MiB. Larger ones are served, not stored. */
  maxEntryBytes?: number;
  /** Where entries live; default a `MemoryCacheStore` (this process only). */
  store?: CacheStore;
  /** Share one upstream call between identical requests in flight in this process; default true. */
  coalesce?: boolean;
  /** Whose entries a request sees: `principal` (default), `project`, or a function of the context. */
  scope?: CacheScope;
  /** A store call slower than this counts as failed (a miss); milliseconds, default 1000. */
  storeTimeoutMs?: number;
  /** Store failures are logged at most once per this many milliseconds; default 60,000. */
  warnIntervalMs?: number;
  /** Where store failures are reported; default `console.warn`. */
  logger?: CacheLogger;
  /** Milliseconds clock for ages and TTLs; default the gateway's clock. */
  clock?: Clock;
}

/** {@link ResponseCacheOptions} with the defaults applied. */
export interface ResolvedResponseCacheOptions {
  ttlSeconds: number;
  enabledByDefault: boolean | ReadonlySet<string>;
  headerPrefixes: string[];
  maxEntryBytes: number;
  store: CacheStore | undefined;
  coalesce: boolean;
  scope: CacheScope;
  storeTimeoutMs: number;
  warnIntervalMs: number;
  logger: CacheLogger | undefined;
  clock: Clock | undefined;
}

const prefixSchema = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]*-$/, 'header prefixes are lower-case letters, digits and "-", ending in "-"');

const optionsSchema = z.strictObject({
  ttlSeconds: z.number().int().min(MIN_TTL_SECONDS).max(MAX_TTL_SECONDS).optional(),
  enabledByDefault: z.union([z.boolean(), z.array(z.string().min(1))]).optional(),
  headerPrefixes: z.array(prefixSchema).min(1).optional(),
  openrouter: z.boolean().optional(),
  maxEntryBytes: z.number().int().positive().optional(),
  store: z
    .custom<CacheStore>(
      (value) =>
        typeof value === 'object' &&
        value !== null &&
        ['get', 'set', 'delete'].every(
          (name) => typeof (value as Record<string, unknown>)[name] === 'function',
        ),
      'store must have get, set and delete methods',
    )
    .optional(),
  coalesce: z.boolean().optional(),
  scope: z.union([z.enum(['principal', 'project']), z.function()]).optional(),
  storeTimeoutMs: z.number().int().positive().optional(),
  warnIntervalMs: z.number().int().nonnegative().optional(),
  logger: z
    .custom<CacheLogger>(
      (value) =>
        typeof value === 'object' && value !== null && typeof (value as CacheLogger).warn === 'function',
      'logger must have a warn method',
    )
    .optional(),
  clock: z
    .custom<Clock>(
      (value) => typeof value === 'object' && value !== null && typeof (value as Clock).now === 'function',
      'clock must have a now method',
    )
    .optional(),
});

/**
 * Validates the options once, at construction, and applies the defaults. A mistake (an unknown
 * key, a TTL out of range) is a TypeError naming the option.
 */
export function parseResponseCacheOptions(options: ResponseCacheOptions = {}): ResolvedResponseCacheOptions {
  const parsed = optionsSchema.safeParse(options);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const path =
      issue?.path.join('.') || (issue?.code === 'unrecognized_keys' ? issue.keys.join(', ') : '(root)');
    throw new TypeError(`responseCache: invalid option ${path}: ${issue?.message}`);
  }
  const prefixes = [...(options.headerPrefixes ?? ['x-signalbox-'])];
  if (options.openrouter === true && !prefixes.includes('x-openrouter-')) prefixes.push('x-openrouter-');
  const enabled = options.enabledByDefault ?? false;
  return {
    ttlSeconds: options.ttlSeconds ?? 300,
    enabledByDefault: typeof enabled === 'boolean' ? enabled : new Set(enabled),
    headerPrefixes: prefixes,
    maxEntryBytes: options.maxEntryBytes ?? 1024 * 1024,
    store: options.store,
    coalesce: options.coalesce ?? true,
    scope: options.scope ?? 'principal',
    storeTimeoutMs: options.storeTimeoutMs ?? 1000,
    warnIntervalMs: options.warnIntervalMs ?? 60_000,
    logger: options.logger,
    clock: options.clock,
  };
}
