import { describe, expect, it } from 'vitest';
import { computeCost } from './compute-cost.js';
import type { ModelPrice } from './model-price.js';
import { parsedPriceOf, parsePrice } from './parsed-price.js';

describe('parsePrice', () => {
  it('parses every rate given and leaves the others undefined', () => {
    const parsed = parsePrice({
      input: '0.000001',
      output: '0.000005',
      cacheRead: '0.0000001',
      image: '0.01',
    });
    expect(parsed.input.toFixed()).toBe('0.000001');
    expect(parsed.output.toFixed()).toBe('0.000005');
    expect(parsed.cacheRead?.toFixed()).toBe('0.0000001');
    expect(parsed.image?.toFixed()).toBe('0.01');
    expect(parsed.cacheWrite).toBeUndefined();
    expect(parsed.cacheWrite1h).toBeUndefined();
    expect(parsed.reasoning).toBeUndefined();
    expect(parsed.reasoningError).toBeUndefined();
    expect(parsed.request).toBeUndefined();
  });

  it('throws for a rate that is not a decimal, except reasoning, kept until it is used', () => {
    expect(() => parsePrice({ input: 'cheap', output: '0' })).toThrow("Not a decimal number: 'cheap'");
    const parsed = parsePrice({ input: '0', output: '0', reasoning: 'lots' });
    expect(parsed.reasoning).toBeUndefined();
    expect(parsed.reasoningError).toBeInstanceOf(TypeError);
  });
});

describe('parsedPriceOf', () => {
  it('parses a price object once', () => {
    const price: ModelPrice = { input: '0.000001', output: '0.000002' };
    expect(parsedPriceOf(price)).toBe(parsedPriceOf(price));
  });

  it('parses again when the object was changed in place', () => {
    const price: ModelPrice = { input: '0.000001', output: '0.000002' };
    const first = parsedPriceOf(price);
    price.output = '0.000003';
    const second = parsedPriceOf(price);
    expect(second).not.toBe(first);
    expect(second.output.toFixed()).toBe('0.000003');
    price.cacheRead = '0.0000005';
    expect(parsedPriceOf(price).cacheRead?.toFixed()).toBe('0.0000005');
    expect(computeCost({ tokens: tokensOf({ cacheRead: 2, output: 1 }), price }).input).toBe('0.000001');
  });

  it('an unparsable reasoning rate fails only the costs that price reasoning apart', () => {
    const price: ModelPrice = { input: '0.000001', output: '0.000002', reasoning: 'lots' };
    expect(() => computeCost({ tokens: tokensOf({ output: 10, reasoning: 4 }), price })).toThrow(
      "Not a decimal number: 'lots'",
    );
    const unknown = computeCost({ tokens: tokensOf({ output: 10, reasoningKnown: false }), price });
    expect(unknown.output).toBe('0.00002');
    expect(unknown.estimated).toBe(true);
  });
});

function tokensOf(overrides: Partial<Parameters<typeof computeCost>[0]['tokens']>) {
  return {
    noCache: 0,
    cacheRead: 0,
    cacheWrite5m: 0,
    cacheWrite1h: 0,
    output: 0,
    reasoning: 0,
    reasoningKnown: true,
    estimated: false,
    ...overrides,
  };
}
