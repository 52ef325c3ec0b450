import { describe, expect, it } from 'vitest';
import { formatResetDuration, rateLimitHeaders, retryAfterSeconds } from './rate-limit-headers.js';

describe('rate-limit headers', () => {
  it('formats durations as OpenAI does', () => {
    expect(formatResetDuration(0)).toBe('0s');
    expect(formatResetDuration(120)).toBe('120ms');
    expect(formatResetDuration(1000)).toBe('1s');
    expect(formatResetDuration(8640)).toBe('8.64s');
    expect(formatResetDuration(360_000)).toBe('6m0s');
    expect(formatResetDuration(59_999.6)).toBe('1m0s');
    expect(formatResetDuration(3_723_500)).toBe('1h2m3.5s');
    expect(formatResetDuration(-5)).toBe('0s');
  });

  it('builds the three headers of a dimension and a whole-second retry-after', () => {
    expect(rateLimitHeaders('tokens', { limit: 1000, remaining: -3, resetInMs: 6000 })).toEqual({
      'x-ratelimit-limit-tokens': '1000',
      'x-ratelimit-remaining-tokens': '0',
      'x-ratelimit-reset-tokens': '6s',
    });
    expect(retryAfterSeconds(1)).toBe(1);
    expect(retryAfterSeconds(0)).toBe(1);
    expect(retryAfterSeconds(20_001)).toBe(21);
  });
});
