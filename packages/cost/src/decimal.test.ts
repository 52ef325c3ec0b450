import { describe, expect, it } from 'vitest';
import { decimalAtMost, formatDecimal, perMillion, sumDecimals, toDecimal } from './decimal.js';

describe('decimal', () => {
  it('converts per-million prices to per-token strings exactly', () => {
    expect(perMillion('2.50')).toBe('0.0000025');
    expect(perMillion('0.075')).toBe('0.000000075');
    expect(perMillion(15)).toBe('0.000015');
    expect(perMillion('0')).toBe('0');
  });

  it('never formats in exponent notation', () => {
    expect(formatDecimal(toDecimal('1e-12'))).toBe('0.000000000001');
    expect(formatDecimal(toDecimal('2.5e3'))).toBe('2500');
    expect(formatDecimal(toDecimal('-0'))).toBe('0');
  });

  it('accepts finite numbers through their shortest form, rejects the rest', () => {
    expect(formatDecimal(toDecimal(0.1))).toBe('0.1');
    expect(formatDecimal(toDecimal(2.5e-6))).toBe('0.0000025');
    expect(() => toDecimal(Number.NaN)).toThrow(TypeError);
    expect(() => toDecimal('12abc')).toThrow("Not a decimal number: '12abc'");
    expect(() => toDecimal('')).toThrow(TypeError);
  });

  it('sums without drift where floats drift', () => {
    let float = 0;
    for (let index = 0; index < 10; index++) float += 0.1;
    expect(float).not.toBe(1);
    expect(sumDecimals(Array.from({ length: 10 }, () => '0.1'))).toBe('1');
  });

  it('a million summed request costs drift by nothing', () => {
    // 0.000000075 (one gpt-4o-mini cached token) + 0.0000006 (one output token) per request.
    const perRequest = '0.000000675';
    let total = toDecimal(0);
    for (let index = 0; index < 1_000_000; index++) total = total.plus(perRequest);
    expect(formatDecimal(total)).toBe('0.675');
  });

  it('compares decimal strings', () => {
    expect(decimalAtMost('0.30', '0.3')).toBe(true);
    expect(decimalAtMost('0.3000000001', '0.3')).toBe(false);
  });
});
