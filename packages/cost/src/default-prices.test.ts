import { describe, expect, it } from 'vitest';
import { DEFAULT_PRICES, DEFAULT_PRICES_AS_OF } from './default-prices.js';
import { modelPriceInputSchema, resolveModelPrice } from './model-price.js';

describe('default prices', () => {
  it('are dated and all valid', () => {
    expect(DEFAULT_PRICES_AS_OF).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    for (const [model, price] of Object.entries(DEFAULT_PRICES)) {
      expect(model).toMatch(/^[a-z]+\/.+/);
      expect(modelPriceInputSchema.safeParse(price).success, model).toBe(true);
    }
  });

  it('price the models the issue names', () => {
    for (const model of [
      'openai/gpt-4o',
      'openai/gpt-4o-mini',
      'openai/gpt-4.1',
      'openai/gpt-4.1-mini',
      'openai/gpt-4.1-nano',
      'openai/o3',
      'openai/o4-mini',
      'openai/gpt-5',
      'openai/gpt-5-mini',
      'openai/gpt-5-nano',
      'anthropic/claude-opus-4-5',
      'anthropic/claude-sonnet-4-5',
      'anthropic/claude-haiku-4-5',
      'anthropic/claude-3-5-haiku',
      'mock/echo',
    ]) {
      expect(DEFAULT_PRICES[model], model).toBeDefined();
    }
  });

  it('hold the list prices (haiku 4.5 matches the seed: 22 in + 13 out = $0.000087)', () => {
    const haiku = resolveModelPrice(DEFAULT_PRICES['anthropic/claude-haiku-4-5']!);
    expect(haiku).toEqual({
      input: '0.000001',
      output: '0.000005',
      cacheRead: '0.0000001',
      cacheWrite: '0.00000125',
      cacheWrite1h: '0.000002',
    });
    expect(resolveModelPrice(DEFAULT_PRICES['openai/gpt-4o-mini']!)).toEqual({
      input: '0.00000015',
      output: '0.0000006',
      cacheRead: '0.000000075',
    });
    expect(resolveModelPrice(DEFAULT_PRICES['mock/echo']!)).toEqual({
      input: '0.000001',
      output: '0.000002',
    });
  });
});
