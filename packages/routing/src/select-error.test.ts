import { GatewayError } from '@signalbox/core';
import { describe, expect, it } from 'vitest';
import type { PlanEntry } from './plan.js';
import { selectError } from './select-error.js';

const entry = (provider: string): PlanEntry => ({
  model: 'm',
  canonicalSlug: 'm',
  provider,
  providerModelId: 'x',
  credentialType: 'system',
  prices: {},
  key: `${provider}/x`,
});
const fail = (provider: string, status: number, retryAfter?: number) => ({
  entry: entry(provider),
  error: new GatewayError(`${provider} failed`, { status, ...(retryAfter !== undefined && { retryAfter }) }),
});

describe('selectError', () => {
  it('returns a single failure unchanged', () => {
    const only = fail('a', 503);
    expect(selectError([only])).toBe(only.error);
  });

  it('keeps a status all attempts share', () => {
    expect(selectError([fail('a', 503), fail('b', 503)])).toMatchObject({
      status: 503,
      code: 'all_providers_failed',
    });
  });

  it('prefers 429 with the shortest Retry-After', () => {
    const error = selectError([fail('a', 429, 9), fail('b', 500), fail('c', 429, 2)]);
    expect(error).toMatchObject({ status: 429, retryAfter: 2, headers: { 'retry-after': '2' } });
  });

  it('prefers a server failure over a provider that lacks the model', () => {
    expect(selectError([fail('a', 502), fail('b', 404)]).status).toBe(502);
    expect(selectError([fail('a', 404), fail('b', 403)]).status).toBe(403);
  });

  it('lists every attempt in the message', () => {
    expect(selectError([fail('a', 500), fail('b', 504)]).message).toBe(
      'All 2 attempts failed: m via a (x): 500 a failed; m via b (x): 504 b failed',
    );
  });

  it('turns non-gateway errors into 500s and handles no attempts', () => {
    expect(selectError([{ entry: entry('a'), error: new Error('boom') }]).status).toBe(500);
    expect(selectError([]).status).toBe(502);
  });
});
