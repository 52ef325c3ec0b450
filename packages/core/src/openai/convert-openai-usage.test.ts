import { describe, expect, it } from 'vitest';
import type { Usage } from '../spec/v1/usage.js';
import { convertOpenAIUsage, toOpenAIUsage } from './convert-openai-usage.js';

describe('convertOpenAIUsage', () => {
  it('splits cached, cache-write and reasoning tokens', () => {
    const raw = {
      prompt_tokens: 1000,
      completion_tokens: 300,
      total_tokens: 1300,
      prompt_tokens_details: { cached_tokens: 600, cache_write_tokens: 100 },
      completion_tokens_details: { reasoning_tokens: 200 },
      cost: 0.0123,
    };
    expect(convertOpenAIUsage(raw)).toEqual({
      inputTokens: { total: 1000, noCache: 300, cacheRead: 600, cacheWrite: 100 },
      outputTokens: { total: 300, text: 100, reasoning: 200 },
      raw,
    });
  });

  it('leaves counts the provider did not report undefined, never 0', () => {
    expect(convertOpenAIUsage({ prompt_tokens: 10, completion_tokens: 5, total_tokens: 15 })).toEqual({
      inputTokens: { total: 10, noCache: undefined, cacheRead: undefined, cacheWrite: undefined },
      outputTokens: { total: 5, text: undefined, reasoning: undefined },
      raw: { prompt_tokens: 10, completion_tokens: 5, total_tokens: 15 },
    });
    expect(convertOpenAIUsage(null)).toEqual({
      inputTokens: { total: undefined, noCache: undefined, cacheRead: undefined, cacheWrite: undefined },
      outputTokens: { total: undefined, text: undefined, reasoning: undefined },
    });
  });
});

describe('toOpenAIUsage', () => {
  it('writes the totals and the known details', () => {
    const usage: Usage = {
      inputTokens: { total: 1000, noCache: 300, cacheRead: 600, cacheWrite: 100 },
      outputTokens: { total: 300, text: 100, reasoning: 200 },
    };
    expect(toOpenAIUsage(usage)).toEqual({
      prompt_tokens: 1000,
      completion_tokens: 300,
      total_tokens: 1300,
      prompt_tokens_details: { cached_tokens: 600, cache_write_tokens: 100 },
      completion_tokens_details: { reasoning_tokens: 200 },
    });
  });

  it('omits unknown details and uses 0 only for unknown totals', () => {
    const usage: Usage = {
      inputTokens: { total: undefined, noCache: undefined, cacheRead: undefined, cacheWrite: undefined },
      outputTokens: { total: 7, text: undefined, reasoning: undefined },
    };
    expect(toOpenAIUsage(usage)).toEqual({ prompt_tokens: 0, completion_tokens: 7, total_tokens: 7 });
  });

  it('sums the parts when a total is missing', () => {
    const usage: Usage = {
      inputTokens: { total: undefined, noCache: 40, cacheRead: 10, cacheWrite: undefined },
      outputTokens: { total: undefined, text: 5, reasoning: 3 },
    };
    expect(toOpenAIUsage(usage)).toMatchObject({ prompt_tokens: 50, completion_tokens: 8, total_tokens: 58 });
  });
});
