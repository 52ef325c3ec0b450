import type { Clock } from '@signalbox/core';
import { z } from 'zod';
import type { Catalog } from './catalog.js';
import type { CatalogDefinition, CatalogModelDefinition } from './catalog-schema.js';
import type { CooldownStore } from './cooldown-store.js';
import type { ProviderStats } from './provider-stats.js';

/** Options of `router()`. Every field is optional. */
export interface RouterOptions {
  /** The model catalog: built (`createCatalog`), a definition, or a JSON/YAML file path. Default: empty. */
  catalog?: Catalog | CatalogDefinition | CatalogModelDefinition[] | string;
  /**
   * The gateway's provider names, to check the catalog at construction. Without it, a catalog
   * entry naming a provider the gateway lacks is reported on the first request (a 500 naming it).
   */
  providers?: string[];
  /** Retries per provider of retryable errors, after the first attempt; default 1. */
  retries?: number;
  /** Longest `Retry-After` waited, ms; a longer one moves on to the next provider. Default 10,000. */
  maxRetryAfterMs?: number;
  /** Exponential backoff between retries without `Retry-After`: min(maxMs, minMs·2ⁿ), jittered. Default 250 / 4,000. */
  backoff?: { minMs?: number; maxMs?: number };
  /**
   * Per attempt: the whole call (non-streamed) or until the first content (streamed). Default
   * none: the adapters' own HTTP timeouts bound a hung upstream (provider-utils: connect 10 s,
   * headers and body 600 s), and an attempt without router timers costs ~9 µs less.
   */
  attemptTimeoutMs?: number;
  /** Streams: until the first content part. Default none. */
  firstTokenTimeoutMs?: number;
  /** Every attempt and wait of a request, until the result or the stream's first content. Default none. */
  totalTimeoutMs?: number;
  /** Cooldown of failing provider+model pairs, or `false` to turn it off. */
  cooldown?:
    | false
    | {
        /** Retryable failures in a row that start a cooldown; default 3. */
        threshold?: number;
        /** How long the pair is skipped; default 30,000. */
        cooldownMs?: number;
        /** Failures further apart do not add up; default 60,000. */
        failureWindowMs?: number;
        /** Default: in memory, per process. */
        store?: CooldownStore;
      };
  /** Latency and throughput measurements (for `sort`); default a new in-memory instance. */
  stats?: ProviderStats;
  /** Serve `GET /models` from the catalog (default true). */
  modelsRoute?: boolean;
  /** For the cooldown, the stats and the models cache; default the system clock. */
  clock?: Clock;
  /** In [0, 1), for backoff jitter; default Math.random. */
  random?: () => number;
  /** Waits between retries; default a timer that stops when the signal aborts. */
  sleep?: (ms: number, signal: AbortSignal) => Promise<void>;
}

const milliseconds = z.number().int().nonnegative();
const positiveMilliseconds = z.number().int().positive();

/** Checks the shape of the options (the catalog is checked by `createCatalog`). */
export const routerOptionsSchema = z.strictObject({
  catalog: z.unknown().optional(),
  providers: z.array(z.string()).optional(),
  retries: z.number().int().min(0).max(10).optional(),
  maxRetryAfterMs: milliseconds.optional(),
  backoff: z.strictObject({ minMs: milliseconds.optional(), maxMs: milliseconds.optional() }).optional(),
  attemptTimeoutMs: positiveMilliseconds.optional(),
  firstTokenTimeoutMs: positiveMilliseconds.optional(),
  totalTimeoutMs: positiveMilliseconds.optional(),
  /** `false` is checked before the schema (a union would hide the nested field's message). */
  cooldown: z
    .strictObject({
      threshold: z.number().int().positive().optional(),
      cooldownMs: positiveMilliseconds.optional(),
      failureWindowMs: positiveMilliseconds.optional(),
      store: z
        .custom<CooldownStore>(
          (value) =>
            typeof value === 'object' &&
            value !== null &&
            ['get', 'set', 'delete'].every(
              (name) => typeof (value as Record<string, unknown>)[name] === 'function',
            ),
          'expected a store with get, set and delete',
        )
        .optional(),
    })
    .optional(),
  stats: z
    .custom<ProviderStats>((value) => typeof value === 'object' && value !== null, 'expected ProviderStats')
    .optional(),
  modelsRoute: z.boolean().optional(),
  clock: z
    .custom<Clock>((value) => typeof (value as Clock | undefined)?.now === 'function', 'expected { now() }')
    .optional(),
  random: z.function().optional(),
  sleep: z.function().optional(),
});
