import { describe, expect, it } from 'vitest';
import { mergeOpenAIUsage } from './merge-openai-usage.js';

describe('mergeOpenAIUsage', () => {
  it('replaces top-level keys and merges *_details key by key', () => {
    const usage = {
      prompt_tokens: 10,
      completion_tokens: 2,
      total_tokens: 12,
      prompt_tokens_details: { cached_tokens: 4 },
    };
    expect(
      mergeOpenAIUsage(usage, {
        cost: 0.001,
        cost_details: { upstream_inference_cost: 0.001 },
        prompt_tokens_details: { cache_write_tokens: 3 },
      }),
    ).toEqual({
      prompt_tokens: 10,
      completion_tokens: 2,
      total_tokens: 12,
      prompt_tokens_details: { cached_tokens: 4, cache_write_tokens: 3 },
      cost: 0.001,
      cost_details: { upstream_inference_cost: 0.001 },
    });
    expect(mergeOpenAIUsage(usage, undefined)).toBe(usage);
  });
});
