import { describe, expect, it } from 'vitest';
import { convertCohereUsage } from './convert-cohere-usage.js';

describe('convertCohereUsage', () => {
  it('reads tokens and cached tokens, keeping billed units in raw', () => {
    const usage = {
      billed_units: { input_tokens: 12, output_tokens: 7 },
      tokens: { input_tokens: 507, output_tokens: 10 },
      cached_tokens: 448,
    };
    expect(convertCohereUsage(usage)).toEqual({
      inputTokens: { total: 507, noCache: 59, cacheRead: 448, cacheWrite: undefined },
      outputTokens: { total: 10, text: undefined, reasoning: undefined },
      raw: usage,
    });
  });

  it('leaves noCache unknown when cached tokens are not reported', () => {
    const usage = convertCohereUsage({ tokens: { input_tokens: 20, output_tokens: 3 } });
    expect(usage.inputTokens).toEqual({
      total: 20,
      noCache: undefined,
      cacheRead: undefined,
      cacheWrite: undefined,
    });
    expect(usage.outputTokens.total).toBe(3);
  });

  it('falls back to billed units when tokens are absent', () => {
    const usage = convertCohereUsage({ billed_units: { input_tokens: 5, output_tokens: 2 } });
    expect(usage.inputTokens.total).toBe(5);
    expect(usage.outputTokens.total).toBe(2);
  });

  it('an absent or malformed usage is all unknown, never 0', () => {
    for (const value of [undefined, null, 'usage', { tokens: { input_tokens: '5' } }]) {
      const usage = convertCohereUsage(value);
      expect(usage.inputTokens.total).toBeUndefined();
      expect(usage.outputTokens.total).toBeUndefined();
    }
    expect(convertCohereUsage(undefined).raw).toBeUndefined();
  });
});
