import type { Clock } from '@signalbox/core';
import { z } from 'zod';
import type { AffinityStore } from './affinity-store.js';
import type { CacheLogger } from './warn-throttle.js';

/** Options of {@link promptCaching}. Every field is optional. */
export interface PromptCachingOptions {
  /**
   * `auto`: every request gets cache markers (and affinity); `off` (default): only requests that
   * ask, with `providerOptions.gateway.caching: 'auto'` (Vercel's option) or the
   * `<headerPrefix>prompt-caching: auto` header. A request can also say `off`.
   */
  mode?: 'auto' | 'off';
  /** Prefix of the per-request header `<prefix>prompt-caching`; default `x-signalbox-`. */
  headerPrefix?: string;
  /** Breakpoints allowed per request, the client's included; default 4 (Anthropic's limit). */
  maxBreakpoints?: number;
  /** The conversation breakpoint needs a prefix of at least this many tokens (estimated); default 1024. */
  minPrefixTokens?: number;
  /** The markers' TTL: `5m` (default) or `1h`. */
  ttl?: '5m' | '1h';
  /** Send repeats of a prefix to the provider that served it last (`ctx.preferredProvider`); default true. */
  affinity?: boolean;
  /** How long a prefix stays with its provider, in seconds; default 300 (Anthropic's cache lifetime). */
  affinityTtlSeconds?: number;
  /** Where affinities live; default a `MemoryAffinityStore`. */
  affinityStore?: AffinityStore;
  /** An affinity store call slower than this is skipped; milliseconds, default 250. */
  storeTimeoutMs?: number;
  /** Store failures are logged at most once per this many milliseconds; default 60,000. */
  warnIntervalMs?: number;
  logger?: CacheLogger;
  clock?: Clock;
}

/** {@link PromptCachingOptions} with the defaults applied. */
export type ResolvedPromptCachingOptions = Required<
  Omit<PromptCachingOptions, 'ttl' | 'affinityStore' | 'logger' | 'clock'>
> &
  Pick<PromptCachingOptions, 'ttl' | 'affinityStore' | 'logger' | 'clock'>;

const hasMethods = (value: unknown, names: string[]) =>
  typeof value === 'object' &&
  value !== null &&
  names.every((name) => typeof (value as Record<string, unknown>)[name] === 'function');

const optionsSchema = z.strictObject({
  mode: z.enum(['auto', 'off']).optional(),
  headerPrefix: z
    .string()
    .regex(/^[a-z0-9][a-z0-9-]*-$/, 'headerPrefix must be lower-case letters, digits and "-", ending in "-"')
    .optional(),
  maxBreakpoints: z.number().int().min(0).max(4).optional(),
  minPrefixTokens: z.number().int().nonnegative().optional(),
  ttl: z.enum(['5m', '1h']).optional(),
  affinity: z.boolean().optional(),
  affinityTtlSeconds: z.number().int().min(1).max(86_400).optional(),
  affinityStore: z
    .custom<AffinityStore>(
      (value) => hasMethods(value, ['get', 'set']),
      'affinityStore must have get and set methods',
    )
    .optional(),
  storeTimeoutMs: z.number().int().positive().optional(),
  warnIntervalMs: z.number().int().nonnegative().optional(),
  logger: z
    .custom<CacheLogger>((value) => hasMethods(value, ['warn']), 'logger must have a warn method')
    .optional(),
  clock: z.custom<Clock>((value) => hasMethods(value, ['now']), 'clock must have a now method').optional(),
});

/** Validates the options once, at construction: a mistake is a TypeError naming the option. */
export function parsePromptCachingOptions(options: PromptCachingOptions = {}): ResolvedPromptCachingOptions {
  const parsed = optionsSchema.safeParse(options);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const path =
      issue?.path.join('.') || (issue?.code === 'unrecognized_keys' ? issue.keys.join(', ') : '(root)');
    throw new TypeError(`promptCaching: invalid option ${path}: ${issue?.message}`);
  }
  return {
    mode: options.mode ?? 'off',
    headerPrefix: options.headerPrefix ?? 'x-signalbox-',
    maxBreakpoints: options.maxBreakpoints ?? 4,
    minPrefixTokens: options.minPrefixTokens ?? 1024,
    ttl: options.ttl,
    affinity: options.affinity ?? true,
    affinityTtlSeconds: options.affinityTtlSeconds ?? 300,
    affinityStore: options.affinityStore,
    storeTimeoutMs: options.storeTimeoutMs ?? 250,
    warnIntervalMs: options.warnIntervalMs ?? 60_000,
    logger: options.logger,
    clock: options.clock,
  };
}
