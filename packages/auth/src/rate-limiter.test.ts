import { GatewayError } from '@signalbox/core';
import { describe, expect, it } from 'vitest';
import { MemoryRateLimitStore } from './memory-rate-limit-store.js';
import type { RateLimitStore } from './rate-limit-store.js';
import { rateLimitHeaders } from './rate-limit-headers.js';
import {
  type Counters,
  countAll,
  entriesOf,
  RateLimitStoreError,
  reserve,
  settleAll,
  writeHeaders,
} from './rate-limiter.js';

const key = {
  key: 'key:k1',
  label: 'API key sk-sb-test',
  limits: { requestsPerMinute: 2, tokensPerMinute: 100 },
};
const project = { key: 'project:p', label: 'project p', limits: { requestsPerMinute: 10 } };

describe('reserve', () => {
  it('counts every limit at once and reports the tightest in the headers', async () => {
    const store = new MemoryRateLimitStore();
    const first = await reserve([key, project], { store, tokens: 30, timeoutMs: 100 });
    expect(first.headers).toMatchObject({
      'x-ratelimit-limit-requests': '2',
      'x-ratelimit-remaining-requests': '1',
      'x-ratelimit-limit-tokens': '100',
      'x-ratelimit-remaining-tokens': '70',
      'x-ratelimit-reset-requests': expect.stringMatching(/^(\d+(\.\d+)?s|1m0s)$/),
    });
    store.shutdown();
  });

  it('refuses over a limit with a 429, taking every count back', async () => {
    const store = new MemoryRateLimitStore();
    await reserve([key, project], { store, tokens: 10, timeoutMs: 100 });
    await reserve([key, project], { store, tokens: 10, timeoutMs: 100 });
    const error = await reserve([key, project], { store, tokens: 10, timeoutMs: 100 }).catch(
      (caught) => caught,
    );
    expect(GatewayError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({
      status: 429,
      type: 'rate_limit_error',
      code: 'rate_limit_exceeded',
      retryAfter: expect.any(Number),
      headers: { 'x-ratelimit-remaining-requests': '0', 'x-ratelimit-remaining-tokens': '80' },
    });
    expect(error.message).toMatch(
      /^Rate limit reached for API key sk-sb-test on requests per minute \(RPM\): Limit 2, Used 2, Requested 1\. Please try again in \d+s\.$/,
    );
    // the refused request took nothing: the project still has 8 of 10
    expect(store.increment('project:p:requests', 0, 60_000).total).toBe(2);
    expect(store.increment('key:k1:tokens', 0, 60_000).total).toBe(20);
    store.shutdown();
  });

  it('says when one request is larger than the token limit', async () => {
    const store = new MemoryRateLimitStore();
    await expect(reserve([key], { store, tokens: 500, timeoutMs: 100 })).rejects.toThrow(
      /Request too large for API key sk-sb-test on tokens per minute \(TPM\): Limit 100, Requested 500/,
    );
    store.shutdown();
  });

  it('settles the token counters to what was used', async () => {
    const store = new MemoryRateLimitStore();
    const reservation = await reserve([key], { store, tokens: 60, timeoutMs: 100 });
    await reservation.settle(25);
    expect(store.increment('key:k1:tokens', 0, 60_000).total).toBe(25);
    const second = await reserve([key], { store, tokens: 10, timeoutMs: 100 });
    await second.settle(40);
    expect(store.increment('key:k1:tokens', 0, 60_000).total).toBe(65);
    store.shutdown();
  });

  it('reports a failing or slow store as a RateLimitStoreError', async () => {
    const failing: RateLimitStore = {
      increment: () => Promise.reject(new Error('ECONNREFUSED')),
      decrement: () => undefined,
      resetKey: () => undefined,
    };
    await expect(reserve([key], { store: failing, tokens: 1, timeoutMs: 100 })).rejects.toBeInstanceOf(
      RateLimitStoreError,
    );
    const slow: RateLimitStore = { ...failing, increment: () => new Promise(() => {}) };
    await expect(reserve([key], { store: slow, tokens: 1, timeoutMs: 20 })).rejects.toThrow(
      /no answer in 20 ms/,
    );
  });

  it('does nothing without limits', async () => {
    const reservation = await reserve([], { store: new MemoryRateLimitStore(), tokens: 5, timeoutMs: 10 });
    expect(reservation.headers).toEqual({});
  });
});

describe('the counting steps behind rateLimits()', () => {
  const subjects = [key, project];

  it('counts with a synchronous store without a promise, and with an async one through a promise', async () => {
    const store = new MemoryRateLimitStore();
    const entries = entriesOf(subjects);
    const counted = countAll(entries, 30, store, 60_000, 100);
    expect(Array.isArray(counted)).toBe(true);
    expect((counted as Counters).map((counter) => counter?.total)).toEqual([1, 30, 1]);
    const later: RateLimitStore = {
      increment: async (...args) => store.increment(...args),
      decrement: async (...args) => store.decrement(...args),
      resetKey: () => undefined,
    };
    const promised = countAll(entries, 30, later, 60_000, 100);
    expect(promised).toBeInstanceOf(Promise);
    expect((await promised).map((counter) => counter?.total)).toEqual([2, 60, 2]);
    const throwing: RateLimitStore = {
      ...later,
      increment: () => {
        throw new RangeError('window too long');
      },
    };
    expect(() => countAll(entries, 1, throwing, 60_000, 100)).toThrow(RangeError);
    store.shutdown();
  });

  it('writes the same headers, in the same order, as rateLimitHeaders for the tightest limit', () => {
    const entries = entriesOf([
      { key: 'a', label: 'a', limits: { requestsPerMinute: 10, tokensPerMinute: 1000 } },
      { key: 'b', label: 'b', limits: { requestsPerMinute: 4, tokensPerMinute: 5000 } },
    ]);
    const counters = [
      { total: 3, resetInMs: 1500 },
      { total: 900, resetInMs: 1500 },
      { total: 2, resetInMs: 61_010 },
      { total: 4100, resetInMs: 8640 },
    ];
    for (const excludeSelf of [false, true]) {
      const target: Record<string, string> = { 'x-signalbox-generation-id': 'gen_1' };
      writeHeaders(target, entries, counters, 100, excludeSelf);
      const less = excludeSelf ? 1 : 0;
      const expected = {
        'x-signalbox-generation-id': 'gen_1',
        ...rateLimitHeaders('requests', { limit: 4, remaining: 4 - (2 - less), resetInMs: 61_010 }),
        ...rateLimitHeaders('tokens', { limit: 1000, remaining: 1000 - (900 - 100 * less), resetInMs: 1500 }),
      };
      expect(JSON.stringify(target)).toBe(JSON.stringify(expected));
    }
    const none: Record<string, string> = {};
    writeHeaders(none, entries, [undefined, undefined, undefined, undefined], 1, false);
    expect(none).toEqual({});
  });

  it('settles synchronously with a synchronous store, and reports the first failure', async () => {
    const store = new MemoryRateLimitStore();
    const entries = entriesOf([key]);
    const counters = countAll(entries, 60, store, 60_000, 100) as Counters;
    const clock = { now: () => Date.now() };
    const counted = { entries, counters, tokens: 60, startedAt: Date.now() };
    expect(settleAll(counted, 25, store, 60_000, 100, clock)).toBeUndefined();
    expect(store.increment('key:k1:tokens', 0, 60_000).total).toBe(25);
    const failing: RateLimitStore = {
      increment: () => {
        throw new Error('first');
      },
      decrement: () => Promise.reject(new Error('second')),
      resetKey: () => undefined,
    };
    await expect(settleAll(counted, 100, failing, 60_000, 100, clock)).rejects.toThrow('first');
    const rejecting = settleAll(counted, 10, failing, 60_000, 100, clock);
    await expect(rejecting).rejects.toBeInstanceOf(RateLimitStoreError);
    await expect(rejecting).rejects.toThrow('second');
    const over = { ...counted, startedAt: Date.now() - 120_000 }; // that window is over: nothing to do
    expect(settleAll(over, 10, failing, 60_000, 100, clock)).toBeUndefined();
    store.shutdown();
  });

  it('answers the same through reserve() with a synchronous and an asynchronous store', async () => {
    const sync = new MemoryRateLimitStore();
    const behind = new MemoryRateLimitStore();
    const later: RateLimitStore = {
      increment: async (...args) => behind.increment(...args),
      decrement: async (...args) => behind.decrement(...args),
      resetKey: () => undefined,
    };
    for (let index = 0; index < 2; index += 1) {
      const now = await reserve(subjects, { store: sync, tokens: 30, timeoutMs: 100 });
      const then = await reserve(subjects, { store: later, tokens: 30, timeoutMs: 100 });
      expect(Object.keys(then.headers)).toEqual(Object.keys(now.headers));
      expect(then.headers['x-ratelimit-remaining-tokens']).toBe(now.headers['x-ratelimit-remaining-tokens']);
      await now.settle(10);
      await then.settle(10);
    }
    const refusedNow = await reserve(subjects, { store: sync, tokens: 1, timeoutMs: 100 }).catch((e) => e);
    const refusedThen = await reserve(subjects, { store: later, tokens: 1, timeoutMs: 100 }).catch((e) => e);
    expect(refusedThen.message.replace(/\d+s\.$/, '')).toBe(refusedNow.message.replace(/\d+s\.$/, ''));
    expect(refusedThen.headers['x-ratelimit-remaining-requests']).toBe('0');
    sync.shutdown();
    behind.shutdown();
  });
});
