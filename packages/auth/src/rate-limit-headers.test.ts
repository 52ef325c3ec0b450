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

describe('formatResetDuration without toFixed', () => {
  // The definition the integer arithmetic replaced.
  function reference(milliseconds: number): string {
    const trimmed = (value: number) => String(Number(value.toFixed(3)));
    const ms = Math.max(0, Math.round(milliseconds));
    if (ms < 1000) return ms === 0 ? '0s' : `${ms}ms`;
    const hours = Math.floor(ms / 3_600_000);
    const minutes = Math.floor((ms % 3_600_000) / 60_000);
    const seconds = trimmed((ms % 60_000) / 1000);
    if (hours > 0) return `${hours}h${minutes}m${seconds}s`;
    if (minutes > 0) return `${minutes}m${seconds}s`;
    return `${seconds}s`;
  }

  it('writes every duration of the first two minutes, and odd inputs, as before', () => {
    for (let ms = 0; ms <= 120_000; ms += 1) {
      if (formatResetDuration(ms) !== reference(ms)) expect(formatResetDuration(ms)).toBe(reference(ms));
    }
    for (const ms of [
      0.4,
      0.5,
      999.5,
      1000.4999,
      59_999.5,
      3_600_000,
      3_723_005,
      86_400_123,
      1e15,
      2 ** 53,
      1e300,
      -0,
      -1,
      Number.NaN,
      Number.POSITIVE_INFINITY,
      Number.NEGATIVE_INFINITY,
    ]) {
      expect(formatResetDuration(ms)).toBe(reference(ms));
    }
    expect(formatResetDuration(1005)).toBe('1.005s');
    expect(formatResetDuration(1050)).toBe('1.05s');
    expect(formatResetDuration(61_010)).toBe('1m1.01s');
  });
});
