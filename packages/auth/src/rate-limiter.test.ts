import { GatewayError } from '@signalbox/core';
import { describe, expect, it } from 'vitest';
import { MemoryRateLimitStore } from './memory-rate-limit-store.js';
import type { RateLimitStore } from './rate-limit-store.js';
import { RateLimitStoreError, reserve } from './rate-limiter.js';

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
