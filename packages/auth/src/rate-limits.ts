import {
  defineMiddleware,
  type GatewayContext,
  GatewayError,
  type GatewayLogger,
  type GatewayMiddleware,
  type Next,
  type Principal,
  type RequestOutcome,
} from '@signalbox/core';
import { z } from 'zod';
import './auth-state.js';
import type { RateLimits } from './gateway-key.js';
import { estimateRequestTokens } from './estimate-tokens.js';
import { createLimitPlanner } from './limit-plan.js';
import { MemoryRateLimitStore } from './memory-rate-limit-store.js';
import type { RateLimitStore } from './rate-limit-store.js';
import {
  type Counted,
  type Counters,
  countAll,
  isOver,
  type LimitEntry,
  RateLimitStoreError,
  refuse,
  settleAll,
  writeHeaders,
} from './rate-limiter.js';

/** Options of {@link rateLimits}. */
export interface RateLimitsOptions {
  /** Where the counters live: `MemoryRateLimitStore` (default) or `RedisRateLimitStore`. */
  store?: RateLimitStore;
  /** Limits for a principal with none of its own (a key without limits, any host user). */
  defaults?: RateLimits;
  /**
   * Limits for a principal that has none from its key, e.g. the host app's user by plan:
   * `(principal) => principal.kind === 'user' ? { requestsPerMinute: 20 } : undefined`.
   */
  principalLimits?: (principal: Principal) => RateLimits | undefined;
  /** Limits of a project, for principals (host users) whose project has none from the key store. */
  projectLimits?: (projectId: string) => RateLimits | undefined;
  /** Output tokens reserved when a request sets no max tokens; default 1,024. */
  defaultMaxOutputTokens?: number;
  /** When the store fails: `'allow'` the request (default, with a logged warning) or `'deny'` it (503). */
  onStoreError?: 'allow' | 'deny';
  /** Longest wait for the store, ms; default 1,000. Longer is a store failure. */
  storeTimeoutMs?: number;
  /** Where store failures are reported; default the console. */
  logger?: Pick<GatewayLogger, 'warn'>;
}

const limitsSchema = z.strictObject({
  requestsPerMinute: z.number().int().positive().optional(),
  tokensPerMinute: z.number().int().positive().optional(),
});

const optionsSchema = z.strictObject({
  store: z.looseObject({ increment: z.function(), decrement: z.function() }).optional(),
  defaults: limitsSchema.optional(),
  principalLimits: z.function().optional(),
  projectLimits: z.function().optional(),
  defaultMaxOutputTokens: z.number().int().positive().optional(),
  onStoreError: z.enum(['allow', 'deny']).optional(),
  storeTimeoutMs: z.number().int().positive().optional(),
  logger: z.looseObject({ warn: z.function() }).optional(),
});

const consoleLogger = { warn: (message: string) => console.warn(`[signalbox] ${message}`) };

function usedTokens(context: GatewayContext, outcome: RequestOutcome, reserved: number): number {
  if (context.cacheStatus === 'HIT') return 0;
  const usage = context.usage;
  const input = usage?.inputTokens.total;
  const output = usage?.outputTokens.total;
  if (input !== undefined || output !== undefined) return (input ?? 0) + (output ?? 0);
  // No usage: a refused or failed call used nothing; an aborted or cut stream keeps its estimate.
  return outcome.status >= 400 && !outcome.aborted ? 0 : reserved;
}

/**
 * Requests-per-minute and tokens-per-minute limits per key, per project and per host principal
 * (its id is the counter key). Tokens are reserved from an estimate (prompt characters / 4 plus
 * max output tokens) before the call and settled to the usage after. Every model-call response
 * carries OpenAI's `x-ratelimit-{limit,remaining,reset}-{requests,tokens}` headers for the
 * tightest limit; over a limit the answer is a 429 with `retry-after`, in the endpoint's shape.
 * Put it after `auth()`, which sets the principal and the key's and project's limits.
 */
export function rateLimits(options: RateLimitsOptions = {}): GatewayMiddleware {
  const parsed = optionsSchema.safeParse(options);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const path =
      issue?.path.join('.') || (issue?.code === 'unrecognized_keys' ? issue.keys.join(', ') : '(root)');
    throw new TypeError(`rateLimits: invalid option ${path}: ${issue?.message}`);
  }
  const store = options.store ?? new MemoryRateLimitStore();
  const logger = options.logger ?? consoleLogger;
  const defaultMaxOutputTokens = options.defaultMaxOutputTokens ?? 1024;
  const timeoutMs = options.storeTimeoutMs ?? 1000;
  const failClosed = options.onStoreError === 'deny';
  let lastWarning = 0;

  function storeFailed(error: unknown): void {
    if (Date.now() - lastWarning < 10_000) return; // one line per 10 s while the store is down
    lastWarning = Date.now();
    const reason = error instanceof Error ? error.message : String(error);
    logger.warn(
      `Rate-limit store unavailable (${reason}); ${failClosed ? 'refusing requests (503)' : 'letting requests through unlimited'}.`,
    );
  }

  const planFor = createLimitPlanner(options);
  const windowMs = 60_000;

  /** The store failed (a RateLimitStoreError): on without limits, or a 503. Anything else is thrown. */
  function failed(error: unknown): void {
    if (!(error instanceof RateLimitStoreError)) throw error; // the 429, headers included
    storeFailed(error);
    if (failClosed) {
      throw new GatewayError('The rate-limit store is unavailable; try again shortly.', {
        status: 503,
        code: 'rate_limit_store_unavailable',
        retryAfter: 1,
      });
    }
  }

  /** Sends the headers and settles the tokens when the request is done; then the rest of the chain. */
  function admitted(context: GatewayContext, next: Next, counted: Counted, estimate: number): Promise<void> {
    writeHeaders(context.responseHeaders, counted.entries, counted.counters, counted.tokens, false);
    context.onDone.push((done, outcome) => {
      const used = usedTokens(done, outcome, estimate);
      try {
        return settleAll(counted, used, store, windowMs, timeoutMs, context.clock)?.catch(storeFailed);
      } catch (error) {
        storeFailed(error);
      }
    });
    return next();
  }

  /** A store that answers with promises (Redis): the same steps, awaited. */
  async function countedLater(
    context: GatewayContext,
    next: Next,
    entries: LimitEntry[],
    tokens: number,
    estimate: number,
    startedAt: number,
    answer: Promise<Counters>,
  ): Promise<void> {
    let counters: Counters;
    try {
      counters = await answer;
      if (isOver(entries, counters)) await refuse(entries, counters, tokens, store, timeoutMs);
    } catch (error) {
      failed(error);
      return next();
    }
    return admitted(context, next, { entries, counters, tokens, startedAt }, estimate);
  }

  // Not async: with the memory store, a request is counted without a promise or a timer.
  return defineMiddleware(
    'rateLimits',
    function rateLimits(context, next) {
      try {
        const entries = planFor(context.principal, context.state.auth);
        if (entries === undefined) return next();
        const estimate = estimateRequestTokens(context.request, defaultMaxOutputTokens);
        const tokens = Math.max(0, Math.ceil(estimate));
        const startedAt = context.clock.now();
        let answer: Counters | Promise<Counters>;
        try {
          answer = countAll(entries, tokens, store, windowMs, timeoutMs);
        } catch (error) {
          failed(error); // a RateLimitStoreError thrown at once fails open (or 503s); others are thrown
          return next();
        }
        if (!Array.isArray(answer)) {
          return countedLater(
            context,
            next,
            entries,
            tokens,
            estimate,
            startedAt,
            answer as Promise<Counters>,
          );
        }
        const counters = answer as Counters;
        if (isOver(entries, counters)) {
          return refuse(entries, counters, tokens, store, timeoutMs).catch((error: unknown) => {
            failed(error);
            return next();
          });
        }
        return admitted(context, next, { entries, counters, tokens, startedAt }, estimate);
      } catch (error) {
        return Promise.reject(error);
      }
    },
    { close: async () => store.shutdown?.() },
  );
}
