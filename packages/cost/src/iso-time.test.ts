import { describe, expect, it } from 'vitest';
import { isoTime } from './iso-time.js';

describe('isoTime', () => {
  it('is new Date(time).toISOString() for times in the same second, the next, and far apart', () => {
    const start = Date.UTC(2026, 4, 1, 12, 0, 59, 990);
    for (let time = start; time < start + 30; time += 1) {
      expect(isoTime(time)).toBe(new Date(time).toISOString());
      expect(isoTime(time)).toBe(new Date(time).toISOString()); // the same millisecond again
    }
    for (const time of [
      0, -1, -1000, -1001, 999, 1000, 1_700_000_000_123, 253_402_300_799_999, 8.64e15, -8.64e15,
    ]) {
      expect(isoTime(time), String(time)).toBe(new Date(time).toISOString());
    }
  });

  it('formats fractional milliseconds as Date does', () => {
    const base = Date.UTC(2026, 0, 1);
    expect(isoTime(base)).toBe('2026-01-01T00:00:00.000Z');
    expect(isoTime(base + 1.75)).toBe(new Date(base + 1.75).toISOString());
    expect(isoTime(base + 2)).toBe('2026-01-01T00:00:00.002Z');
  });

  it('throws a RangeError for an invalid time, as Date does', () => {
    expect(() => isoTime(Number.NaN)).toThrow(RangeError);
    expect(() => isoTime(8.64e15 + 1)).toThrow(RangeError);
    expect(() => isoTime(Number.POSITIVE_INFINITY)).toThrow(RangeError);
  });
});
