import { describe, expect, it } from 'vitest';
import { convertBedrockUsage } from './convert-bedrock-usage.js';

describe('convertBedrockUsage', () => {
  it('adds cache reads and writes to the total; noCache is Bedrock inputTokens', () => {
    const raw = {
      inputTokens: 12,
      outputTokens: 7,
      totalTokens: 1519,
      cacheReadInputTokens: 1000,
      cacheWriteInputTokens: 500,
    };
    expect(convertBedrockUsage(raw)).toEqual({
      inputTokens: { total: 1512, noCache: 12, cacheRead: 1000, cacheWrite: 500 },
      outputTokens: { total: 7, text: undefined, reasoning: undefined },
      raw,
    });
  });

  it('knows the cache counts are 0 when totalTokens is input + output', () => {
    const usage = convertBedrockUsage({ inputTokens: 10, outputTokens: 3, totalTokens: 13 });
    expect(usage.inputTokens).toEqual({ total: 10, noCache: 10, cacheRead: 0, cacheWrite: 0 });
  });

  it('derives the one missing cache count from totalTokens', () => {
    const usage = convertBedrockUsage({
      inputTokens: 10,
      outputTokens: 3,
      totalTokens: 113,
      cacheWriteInputTokens: 100,
    });
    expect(usage.inputTokens).toEqual({ total: 110, noCache: 10, cacheRead: 0, cacheWrite: 100 });
  });

  it('leaves unknown counts undefined, never 0', () => {
    const usage = convertBedrockUsage({ inputTokens: 10, outputTokens: 3 });
    expect(usage.inputTokens).toEqual({
      total: 10,
      noCache: 10,
      cacheRead: undefined,
      cacheWrite: undefined,
    });
    expect(convertBedrockUsage(undefined)).toEqual({
      inputTokens: { total: undefined, noCache: undefined, cacheRead: undefined, cacheWrite: undefined },
      outputTokens: { total: undefined, text: undefined, reasoning: undefined },
    });
  });
});
