import { describe, expect, it } from 'vitest';
import { openaiUsageSchema } from './openai-usage-schema.js';

describe('openaiUsageSchema', () => {
  it('accepts OpenAI and OpenRouter usage objects and keeps extra fields', () => {
    const usage = {
      prompt_tokens: 10,
      completion_tokens: 5,
      total_tokens: 15,
      prompt_tokens_details: { cached_tokens: 2, cache_write_tokens: 3 },
      completion_tokens_details: null,
      cost: 0.0002,
      is_byok: false,
    };
    expect(openaiUsageSchema.parse(usage)).toEqual(usage);
    expect(openaiUsageSchema.safeParse({ prompt_tokens: '10' }).success).toBe(false);
  });
});
