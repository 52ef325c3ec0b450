import { describe, expect, it } from 'vitest';
import { costNumber } from './cost-number.js';

describe('costNumber', () => {
  it('turns decimal strings into the numbers OpenRouter sends', () => {
    expect(costNumber('0.000087')).toBe(0.000087);
    expect(costNumber('0')).toBe(0);
    expect(costNumber('not a number')).toBe(0);
  });
});
