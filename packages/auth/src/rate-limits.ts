import {
  defineMiddleware,
  type GatewayContext,
  GatewayError,
  type GatewayLogger,
  type GatewayMiddleware,
  type Principal,
  type RequestOutcome,
} from '@signalbox/core';
import { z } from 'zod';
import './auth-state.js';
import { hasLimits, type RateLimits } from './gateway-key.js';
import { estimateRequestTokens } from './estimate-tokens.js';
import { MemoryRateLimitStore } from './memory-rate-limit-store.js';
import type { RateLimitStore } from './rate-limit-store.js';
import { type LimitSubject, RateLimitStoreError, type Reservation, reserve } from './rate-limiter.js';

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

function subjectsOf(context: GatewayContext, options: RateLimitsOptions): LimitSubject[] {
  const principal = context.principal;
  const state = context.state.auth;
  const subjects: LimitSubject[] = [];
  const own = state?.keyLimits ?? (principal && options.principalLimits?.(principal)) ?? options.defaults;
  if (hasLimits(own)) {
    subjects.push({
      key: principal ? `${principal.kind}:${principal.id}` : 'anonymous',
      label: principal?.keyPrefix
        ? `API key ${principal.keyPrefix}`
        : principal
          ? `${principal.kind} ${principal.id}`
          : 'anonymous callers',
      limits: own,
    });
  }
  const projectId = principal?.projectId;
  const project =
    projectId === undefined ? undefined : (state?.projectLimits ?? options.projectLimits?.(projectId));
  if (projectId !== undefined && hasLimits(project)) {
    subjects.push({ key: `project:${projectId}`, label: `project ${projectId}`, limits: project });
  }
  return subjects;
}

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

  return defineMiddleware(
    'rateLimits',
    async function rateLimits(context, next) {
      const subjects = subjectsOf(context, options);
      if (subjects.length === 0) return next();
      const tokens = estimateRequestTokens(context.request, defaultMaxOutputTokens);
      let reservation: Reservation | undefined;
      try {
        reservation = await reserve(subjects, { store, tokens, timeoutMs, now: () => context.clock.now() });
      } catch (error) {
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
      if (reservation) {
        const held = reservation;
        Object.assign(context.responseHeaders, held.headers);
        context.onDone.push((done, outcome) =>
          held.settle(usedTokens(done, outcome, tokens)).catch((error: unknown) => storeFailed(error)),
        );
      }
      await next();
    },
    { close: async () => store.shutdown?.() },
  );
}
