import { GatewayError } from '@signalbox/core';
import { describe, expect, it } from 'vitest';
import { failureAction, type RetryPolicy, retryDelay } from './execute-plan.js';

const policy: RetryPolicy = {
  retries: 1,
  maxRetryAfterMs: 10_000,
  backoff: { minMs: 200, maxMs: 1000 },
  random: () => 0,
  sleep: async () => {},
};

describe('failureAction', () => {
  it('moves on for retryable and provider-side failures, stops for client mistakes', () => {
    const action = (status: number, options: { isRetryable?: boolean; code?: string } = {}) =>
      failureAction(new GatewayError('x', { status, ...options }));
    expect(action(500)).toBe('next');
    expect(action(429)).toBe('next');
    expect(action(502, { isRetryable: false, code: 'upstream_authentication_failed' })).toBe('next');
    expect(action(404, { code: 'model_not_found' })).toBe('next');
    expect(action(400)).toBe('stop');
    expect(action(422)).toBe('stop');
    expect(action(413)).toBe('stop');
    expect(failureAction(new Error('bug'))).toBe('next');
  });
});

describe('retryDelay', () => {
  it('waits Retry-After when given, and skips past the cap', () => {
    expect(retryDelay(new GatewayError('x', { status: 429, retryAfter: 2 }), 0, policy)).toBe(2000);
    expect(retryDelay(new GatewayError('x', { status: 429, retryAfter: 11 }), 0, policy)).toBe('skip');
  });

  it('backs off exponentially up to the maximum, with jitter in the upper half', () => {
    const error = new GatewayError('x', { status: 503 });
    expect([0, 1, 2, 3].map((n) => retryDelay(error, n, policy))).toEqual([100, 200, 400, 500]);
    expect(retryDelay(error, 0, { ...policy, random: () => 0.999 })).toBe(200);
  });
});
