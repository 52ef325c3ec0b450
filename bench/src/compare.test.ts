import { describe, expect, it } from 'vitest';
import { compare, judgeFlatness } from './compare.js';

describe('compare', () => {
  it('gives the ratio and the added latency', () => {
    expect(
      compare(
        { requestsPerSecond: 7500, p50Ms: 3.25, p99Ms: 6 },
        { requestsPerSecond: 10000, p50Ms: 2.5, p99Ms: 5.1 },
      ),
    ).toEqual({ ratio: 0.75, addedP50Ms: 0.75, addedP99Ms: 0.9 });
  });

  it('does not divide by zero', () => {
    expect(
      compare({ requestsPerSecond: 1, p50Ms: 1, p99Ms: 1 }, { requestsPerSecond: 0, p50Ms: 0, p99Ms: 0 })
        .ratio,
    ).toBe(0);
  });
});

describe('judgeFlatness', () => {
  it('is flat when the last third stays within 10 % of the first', () => {
    const verdict = judgeFlatness([100, 100, 104, 106, 108, 110]);
    expect(verdict).toMatchObject({ flat: true, firstThirdMean: 100, lastThirdMean: 109 });
    expect(verdict.change).toBeCloseTo(0.09);
  });

  it('is not flat when memory keeps growing', () => {
    expect(judgeFlatness([100, 105, 110, 115, 120, 125]).flat).toBe(false);
  });

  it('needs three samples', () => {
    expect(() => judgeFlatness([1, 2])).toThrow('at least 3 samples');
  });
});
