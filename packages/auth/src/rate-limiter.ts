import { GatewayError } from '@signalbox/core';
import type { RateLimits } from './gateway-key.js';
import { formatResetDuration, retryAfterSeconds } from './rate-limit-headers.js';
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

/**
 * One counter a request counts against: a subject's requests or its tokens. It holds nothing of
 * one request (the amount is 1 for requests, the token estimate for tokens), so the middleware
 * keeps the entries of a principal across requests (`createLimitPlanner`).
 */
export interface LimitEntry {
  subject: LimitSubject;
  dimension: 'requests' | 'tokens';
  /** `<subject key>:requests` or `<subject key>:tokens`. */
  counterKey: string;
  limit: number;
  /** `String(limit)`, for the `x-ratelimit-limit-*` header. */
  limitText: string;
}

/** The counters as the store answered them, one per entry (in the entries' order). */
export type Counters = ReadonlyArray<RateLimitCounter | undefined>;

/** What a request adds to an entry's counter: 1 request, or its (rounded) token estimate. */
function amountOf(entry: LimitEntry, tokens: number): number {
  return entry.dimension === 'requests' ? 1 : tokens;
}

function isPromise<T>(value: T | Promise<T>): value is Promise<T> {
  return typeof (value as { then?: unknown } | undefined)?.then === 'function';
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

/** The entries of some subjects: requests then tokens, subject by subject. */
export function entriesOf(subjects: readonly LimitSubject[]): LimitEntry[] {
  const entries: LimitEntry[] = [];
  for (const subject of subjects) {
    const { requestsPerMinute, tokensPerMinute } = subject.limits;
    if (requestsPerMinute !== undefined) {
      entries.push({
        subject,
        dimension: 'requests',
        counterKey: `${subject.key}:requests`,
        limit: requestsPerMinute,
        limitText: String(requestsPerMinute),
      });
    }
    if (tokensPerMinute !== undefined) {
      entries.push({
        subject,
        dimension: 'tokens',
        counterKey: `${subject.key}:tokens`,
        limit: tokensPerMinute,
        limitText: String(tokensPerMinute),
      });
    }
  }
  return entries;
}

/**
 * Counts a request against every entry at once. A store that answers synchronously (the memory
 * store) gets its counters back as they are: no promise and no timer; only a store that answers
 * with a promise is raced against `timeoutMs` (a failure or timeout is a RateLimitStoreError).
 * A store that throws synchronously throws here, as it did through `reserve()`.
 */
export function countAll(
  entries: readonly LimitEntry[],
  tokens: number,
  store: RateLimitStore,
  windowMs: number,
  timeoutMs: number,
): Counters | Promise<Counters> {
  const answers: Array<RateLimitCounter | Promise<RateLimitCounter>> = new Array(entries.length);
  let pending = false;
  for (let index = 0; index < entries.length; index += 1) {
    const entry = entries[index] as LimitEntry;
    const answer = store.increment(entry.counterKey, amountOf(entry, tokens), windowMs);
    if (isPromise(answer)) pending = true;
    answers[index] = answer;
  }
  return pending ? withTimeout(Promise.all(answers), timeoutMs) : (answers as Counters);
}

/** Whether a counter went over its entry's limit. */
export function isOver(entries: readonly LimitEntry[], counters: Counters): boolean {
  for (let index = 0; index < entries.length; index += 1) {
    const counter = counters[index];
    if (counter && counter.total > (entries[index] as LimitEntry).limit) return true;
  }
  return false;
}

/**
 * Writes OpenAI's headers for the tightest limit of each dimension into `target`, in the order
 * `x-ratelimit-{limit,remaining,reset}-requests` then `-tokens` (as `rateLimitHeaders` builds
 * them). `excludeSelf`: the counts without this request (a refused one).
 */
export function writeHeaders(
  target: Record<string, string>,
  entries: readonly LimitEntry[],
  counters: Counters,
  tokens: number,
  excludeSelf: boolean,
): void {
  let requests = -1;
  let requestsRemaining = 0;
  let tokensIndex = -1;
  let tokensRemaining = 0;
  for (let index = 0; index < entries.length; index += 1) {
    const counter = counters[index];
    if (!counter) continue;
    const entry = entries[index] as LimitEntry;
    const used = excludeSelf ? counter.total - amountOf(entry, tokens) : counter.total;
    const remaining = entry.limit - used;
    if (entry.dimension === 'requests') {
      if (requests < 0 || remaining < requestsRemaining) {
        requests = index;
        requestsRemaining = remaining;
      }
    } else if (tokensIndex < 0 || remaining < tokensRemaining) {
      tokensIndex = index;
      tokensRemaining = remaining;
    }
  }
  let resetMs = Number.NaN;
  let resetText = '';
  if (requests >= 0) {
    resetMs = (counters[requests] as RateLimitCounter).resetInMs;
    resetText = formatResetDuration(resetMs);
    target['x-ratelimit-limit-requests'] = (entries[requests] as LimitEntry).limitText;
    target['x-ratelimit-remaining-requests'] = String(Math.max(0, requestsRemaining));
    target['x-ratelimit-reset-requests'] = resetText;
  }
  if (tokensIndex >= 0) {
    const ms = (counters[tokensIndex] as RateLimitCounter).resetInMs;
    // Both counters usually started together: format the reset once.
    if (ms !== resetMs) resetText = formatResetDuration(ms);
    target['x-ratelimit-limit-tokens'] = (entries[tokensIndex] as LimitEntry).limitText;
    target['x-ratelimit-remaining-tokens'] = String(Math.max(0, tokensRemaining));
    target['x-ratelimit-reset-tokens'] = resetText;
  }
}

function refusal(
  entry: LimitEntry,
  amount: number,
  counter: RateLimitCounter,
  retryAfter: number,
  headers: Record<string, string>,
) {
  const name = entry.dimension === 'requests' ? 'requests per minute (RPM)' : 'tokens per minute (TPM)';
  const used = counter.total - amount;
  const message =
    amount > entry.limit
      ? `Request too large for ${entry.subject.label} on ${name}: Limit ${entry.limit}, Requested ${amount}. Send a shorter prompt or a lower max_tokens.`
      : `Rate limit reached for ${entry.subject.label} on ${name}: Limit ${entry.limit}, Used ${used}, Requested ${amount}. Please try again in ${retryAfter}s.`;
  return new GatewayError(message, {
    status: 429,
    type: 'rate_limit_error',
    code: 'rate_limit_exceeded',
    retryAfter,
    headers,
  });
}

/**
 * Takes every count of a request that went over a limit back and throws the 429 (with
 * `retry-after` and the headers of the counts without this request).
 */
export async function refuse(
  entries: readonly LimitEntry[],
  counters: Counters,
  tokens: number,
  store: RateLimitStore,
  timeoutMs: number,
): Promise<never> {
  await withTimeout(
    Promise.all(entries.map((entry) => store.decrement(entry.counterKey, amountOf(entry, tokens)))),
    timeoutMs,
  ).catch(() => undefined); // the counts expire with their window anyway
  let first = -1;
  let wait = Number.NEGATIVE_INFINITY;
  for (let index = 0; index < entries.length; index += 1) {
    const counter = counters[index];
    if (!(counter && counter.total > (entries[index] as LimitEntry).limit)) continue;
    if (first < 0) first = index;
    wait = Math.max(wait, counter.resetInMs);
  }
  const entry = entries[first] as LimitEntry;
  const headers: Record<string, string> = {};
  writeHeaders(headers, entries, counters, tokens, true);
  throw refusal(
    entry,
    amountOf(entry, tokens),
    counters[first] as RateLimitCounter,
    retryAfterSeconds(wait),
    headers,
  );
}

/** What {@link settleAll} needs of a counted request. */
export interface Counted {
  entries: readonly LimitEntry[];
  counters: Counters;
  /** The token estimate counted (rounded). */
  tokens: number;
  /** When the request was counted, ms. */
  startedAt: number;
}

/**
 * Corrects the token counters from the estimate to `used` tokens. Synchronous (undefined) when
 * the store is; a store's promises are raced against `timeoutMs`. Fails as `reserve()`'s
 * `settle` did: with the first synchronous throw, else the first rejection (every other count
 * still goes ahead).
 */
export function settleAll(
  counted: Counted,
  used: number,
  store: RateLimitStore,
  windowMs: number,
  timeoutMs: number,
  clock: { now(): number },
): Promise<void> | undefined {
  const { entries, counters } = counted;
  const tokens = Math.max(0, Math.ceil(used));
  let pending: Array<Promise<unknown>> | undefined;
  let failed = false;
  let failure: unknown;
  for (let index = 0; index < entries.length; index += 1) {
    const entry = entries[index] as LimitEntry;
    const counter = counters[index];
    const delta = tokens - amountOf(entry, counted.tokens);
    if (entry.dimension !== 'tokens' || delta === 0 || !counter) continue;
    if (clock.now() >= counted.startedAt + counter.resetInMs) continue; // that window is over
    try {
      const answer: unknown =
        delta > 0
          ? store.increment(entry.counterKey, delta, windowMs)
          : store.decrement(entry.counterKey, -delta);
      if (isPromise(answer)) {
        pending ??= [];
        pending.push(withTimeout(answer, timeoutMs));
      }
    } catch (error) {
      if (!failed) {
        failed = true;
        failure = error;
      }
    }
  }
  const all = pending && Promise.all(pending);
  if (failed) {
    all?.catch(() => undefined); // handled: the first failure is the one reported
    return Promise.reject(failure);
  }
  return all?.then(() => undefined);
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
  const tokens = Math.max(0, Math.ceil(options.tokens));
  const entries = entriesOf(subjects);
  if (entries.length === 0) return { headers: {}, settle: async () => {} };
  const startedAt = now();
  const counters = await countAll(entries, tokens, store, windowMs, timeoutMs);
  if (isOver(entries, counters)) await refuse(entries, counters, tokens, store, timeoutMs);
  const headers: Record<string, string> = {};
  writeHeaders(headers, entries, counters, tokens, false);
  const counted: Counted = { entries, counters, tokens, startedAt };
  const clock = { now: () => now() };
  return {
    headers,
    async settle(used) {
      await settleAll(counted, used, store, windowMs, timeoutMs, clock);
    },
  };
}
