import { GatewayError } from '@signalbox/core';
import type { RateLimits } from './gateway-key.js';
import { type LimitStatus, rateLimitHeaders, retryAfterSeconds } from './rate-limit-headers.js';
import type { RateLimitCounter, RateLimitStore } from './rate-limit-store.js';

/** Who a limit applies to: a key, a project, or the host app's user. */
export interface LimitSubject {
  /** The counter key (`key:key_abc`, `project:billing`, `user:user_1`). */
  key: string;
  /** How the subject is named in a 429's message (`API key sk-sb-AbCd`, `project billing`). */
  label: string;
  limits: RateLimits;
}

/** A request's place in its limits: the headers to send, and how to settle its tokens after. */
export interface Reservation {
  headers: Record<string, string>;
  /** Corrects the token counters from the reserved estimate to what the call used. */
  settle(tokens: number): Promise<void>;
}

/** The store failed or did not answer in time; the middleware fails open or closed. */
export class RateLimitStoreError extends Error {
  override readonly name = 'RateLimitStoreError';
}

export interface ReserveOptions {
  store: RateLimitStore;
  /** Tokens to reserve (the estimate). */
  tokens: number;
  /** Longest wait for the store, ms. */
  timeoutMs: number;
  windowMs?: number;
  now?: () => number;
}

interface Entry {
  subject: LimitSubject;
  dimension: 'requests' | 'tokens';
  counterKey: string;
  amount: number;
  limit: number;
}

function withTimeout<T>(value: T | Promise<T>, timeoutMs: number): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new RateLimitStoreError(`no answer in ${timeoutMs} ms`)), timeoutMs);
  });
  return Promise.race([Promise.resolve(value), timeout])
    .catch((error: unknown) => {
      throw error instanceof RateLimitStoreError
        ? error
        : new RateLimitStoreError(error instanceof Error ? error.message : String(error));
    })
    .finally(() => clearTimeout(timer));
}

function entriesOf(subjects: LimitSubject[], tokens: number): Entry[] {
  const entries: Entry[] = [];
  for (const subject of subjects) {
    const { requestsPerMinute, tokensPerMinute } = subject.limits;
    if (requestsPerMinute !== undefined) {
      entries.push({
        subject,
        dimension: 'requests',
        counterKey: `${subject.key}:requests`,
        amount: 1,
        limit: requestsPerMinute,
      });
    }
    if (tokensPerMinute !== undefined) {
      entries.push({
        subject,
        dimension: 'tokens',
        counterKey: `${subject.key}:tokens`,
        amount: tokens,
        limit: tokensPerMinute,
      });
    }
  }
  return entries;
}

function headersOf(
  entries: Entry[],
  counters: RateLimitCounter[],
  excludeSelf: boolean,
): Record<string, string> {
  const tightest: Partial<Record<Entry['dimension'], LimitStatus>> = {};
  entries.forEach((entry, index) => {
    const counter = counters[index];
    if (!counter) return;
    const used = excludeSelf ? counter.total - entry.amount : counter.total;
    const status = { limit: entry.limit, remaining: entry.limit - used, resetInMs: counter.resetInMs };
    const current = tightest[entry.dimension];
    if (!current || status.remaining < current.remaining) tightest[entry.dimension] = status;
  });
  return {
    ...(tightest.requests && rateLimitHeaders('requests', tightest.requests)),
    ...(tightest.tokens && rateLimitHeaders('tokens', tightest.tokens)),
  };
}

function refusal(
  entry: Entry,
  counter: RateLimitCounter,
  retryAfter: number,
  headers: Record<string, string>,
) {
  const name = entry.dimension === 'requests' ? 'requests per minute (RPM)' : 'tokens per minute (TPM)';
  const used = counter.total - entry.amount;
  const message =
    entry.amount > entry.limit
      ? `Request too large for ${entry.subject.label} on ${name}: Limit ${entry.limit}, Requested ${entry.amount}. Send a shorter prompt or a lower max_tokens.`
      : `Rate limit reached for ${entry.subject.label} on ${name}: Limit ${entry.limit}, Used ${used}, Requested ${entry.amount}. Please try again in ${retryAfter}s.`;
  return new GatewayError(message, {
    status: 429,
    type: 'rate_limit_error',
    code: 'rate_limit_exceeded',
    retryAfter,
    headers,
  });
}

/**
 * Counts a request against every limit of every subject at once (rpm: 1, tpm: the token
 * estimate) in fixed one-minute windows. Over any limit: every count is taken back and a 429 is
 * thrown with `retry-after` and the `x-ratelimit-*` headers. Store failures and timeouts throw a
 * {@link RateLimitStoreError}.
 */
export async function reserve(subjects: LimitSubject[], options: ReserveOptions): Promise<Reservation> {
  const { store, timeoutMs } = options;
  const windowMs = options.windowMs ?? 60_000;
  const now = options.now ?? Date.now;
  const entries = entriesOf(subjects, Math.max(0, Math.ceil(options.tokens)));
  if (entries.length === 0) return { headers: {}, settle: async () => {} };
  const startedAt = now();
  const counters = await withTimeout(
    Promise.all(entries.map((entry) => store.increment(entry.counterKey, entry.amount, windowMs))),
    timeoutMs,
  );
  const over = entries.flatMap((entry, index) => {
    const counter = counters[index];
    return counter && counter.total > entry.limit ? [{ entry, counter }] : [];
  });
  if (over.length > 0) {
    await withTimeout(
      Promise.all(entries.map((entry) => store.decrement(entry.counterKey, entry.amount))),
      timeoutMs,
    ).catch(() => undefined); // the counts expire with their window anyway
    const wait = Math.max(...over.map(({ counter }) => counter.resetInMs));
    const first = over[0] as { entry: Entry; counter: RateLimitCounter };
    throw refusal(first.entry, first.counter, retryAfterSeconds(wait), headersOf(entries, counters, true));
  }
  return {
    headers: headersOf(entries, counters, false),
    async settle(tokens) {
      const used = Math.max(0, Math.ceil(tokens));
      await Promise.all(
        entries.map(async (entry, index) => {
          const counter = counters[index];
          const delta = used - entry.amount;
          if (entry.dimension !== 'tokens' || delta === 0 || !counter) return;
          if (now() >= startedAt + counter.resetInMs) return; // that window is over
          await withTimeout(
            delta > 0
              ? store.increment(entry.counterKey, delta, windowMs)
              : store.decrement(entry.counterKey, -delta),
            timeoutMs,
          );
        }),
      );
    },
  };
}
