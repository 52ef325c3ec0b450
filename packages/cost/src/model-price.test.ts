import { describe, expect, it } from 'vitest';
import { modelPriceInputSchema, resolveModelPrice } from './model-price.js';

describe('model prices', () => {
  it('resolves per-million rates to exact per-token strings; request and image stay per unit', () => {
    expect(
      resolveModelPrice({
        unit: 'million',
        input: '1',
        output: 5,
        cacheRead: '0.10',
        cacheWrite: '1.25',
        cacheWrite1h: '2',
        request: '0.001',
        image: '0.0002',
      }),
    ).toEqual({
      input: '0.000001',
      output: '0.000005',
      cacheRead: '0.0000001',
      cacheWrite: '0.00000125',
      cacheWrite1h: '0.000002',
      request: '0.001',
      image: '0.0002',
    });
  });

  it('keeps per-token rates as written, normalised', () => {
    expect(resolveModelPrice({ input: '0.0000025', output: 1e-5 })).toEqual({
      input: '0.0000025',
      output: '0.00001',
    });
  });

  it('refuses unknown fields, negative and non-decimal amounts', () => {
    expect(modelPriceInputSchema.safeParse({ input: '1', output: '1', cache_read: '1' }).success).toBe(false);
    const negative = modelPriceInputSchema.safeParse({ input: '-1', output: '1' });
    expect(negative.error?.issues[0]?.message).toBe('must not be negative');
    const text = modelPriceInputSchema.safeParse({ input: 'cheap', output: '1' });
    expect(text.error?.issues[0]?.message).toBe('not a decimal number: "cheap"');
  });
});
