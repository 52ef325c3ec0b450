import { describe, expect, it } from 'vitest';
import { isoTime } from './iso-time.js';

describe('isoTime', () => {
  it('matches toISOString across seconds, minutes, days and years', () => {
    const start = Date.parse('2026-12-31T23:59:58.990Z');
    for (let time = start; time < start + 2_500; time += 7) {
      expect(isoTime(time)).toBe(new Date(time).toISOString());
    }
  });

  it('matches toISOString when the cached second changes back and forth', () => {
    const times = [1_700_000_000_000, 1_700_000_001_005, 1_700_000_000_999, 1_700_000_000_050, 0, 999, 1_000];
    for (const time of times) expect(isoTime(time)).toBe(new Date(time).toISOString());
  });

  it('pads the milliseconds to three digits', () => {
    expect(isoTime(Date.parse('2026-05-01T00:00:00.000Z'))).toBe('2026-05-01T00:00:00.000Z');
    expect(isoTime(Date.parse('2026-05-01T00:00:00.007Z'))).toBe('2026-05-01T00:00:00.007Z');
    expect(isoTime(Date.parse('2026-05-01T00:00:00.042Z'))).toBe('2026-05-01T00:00:00.042Z');
    expect(isoTime(Date.parse('2026-05-01T00:00:00.999Z'))).toBe('2026-05-01T00:00:00.999Z');
  });

  it('truncates fractional milliseconds as Date does', () => {
    for (const time of [1_700_000_000_123.9, 1_700_000_000_999.999, 0.5]) {
      expect(isoTime(time)).toBe(new Date(time).toISOString());
    }
  });

  it('falls back to Date outside 1970-9999 and throws the same RangeError for an invalid time', () => {
    for (const time of [-1, -1_500.5, -62_198_755_200_000, 253_402_300_799_999, 253_402_300_800_000]) {
      expect(isoTime(time)).toBe(new Date(time).toISOString());
    }
    expect(() => isoTime(Number.NaN)).toThrow(RangeError);
    expect(() => isoTime(Number.POSITIVE_INFINITY)).toThrow(RangeError);
    expect(() => isoTime(9e15)).toThrow(RangeError);
  });
});

describe('isoTime, more cases', () => {
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
