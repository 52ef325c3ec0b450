import { describe, expect, it } from 'vitest';
import { normalizeDecimal, sumDecimals } from './decimal-sum.js';

describe('sumDecimals', () => {
  it('adds exactly, whatever the scales', () => {
    expect(sumDecimals(['0.1', '0.2'])).toBe('0.3');
    expect(sumDecimals(['0.000000075', '0.000150000', '1'])).toBe('1.000150075');
    expect(sumDecimals(['12', '-0.5'])).toBe('11.5');
  });

  it('sums nothing to 0', () => {
    expect(sumDecimals([])).toBe('0');
    expect(sumDecimals(['0.000', '0'])).toBe('0');
  });

  it('refuses what is not a decimal', () => {
    expect(() => sumDecimals(['1e-5'])).toThrow(TypeError);
  });
});

describe('normalizeDecimal', () => {
  it('drops trailing zeros as Postgres numeric text would keep them', () => {
    expect(normalizeDecimal('0.000150000')).toBe('0.00015');
    expect(normalizeDecimal('2.0')).toBe('2');
    expect(normalizeDecimal('-0.0')).toBe('0');
    expect(normalizeDecimal('10')).toBe('10');
  });
});
