import { describe, expect, it } from 'vitest';
import { emptyUsage } from '../spec/v1/usage.js';
import { anthropicUsageExtras, convertAnthropicUsage, toAnthropicUsage } from './convert-anthropic-usage.js';

describe('convertAnthropicUsage', () => {
  it('adds cached tokens to the input total (Anthropic input_tokens excludes them)', () => {
    const raw = {
      input_tokens: 100,
      cache_creation_input_tokens: 20,
      cache_read_input_tokens: 300,
      output_tokens: 50,
      service_tier: 'standard',
    };
    expect(convertAnthropicUsage(raw)).toEqual({
      inputTokens: { total: 420, noCache: 100, cacheRead: 300, cacheWrite: 20 },
      outputTokens: { total: 50, text: undefined, reasoning: undefined },
      raw,
    });
  });

  it('leaves unreported counts undefined, never 0', () => {
    expect(
      convertAnthropicUsage({ input_tokens: 7, output_tokens: 1, cache_read_input_tokens: null }),
    ).toEqual({
      inputTokens: { total: 7, noCache: 7, cacheRead: undefined, cacheWrite: undefined },
      outputTokens: { total: 1, text: undefined, reasoning: undefined },
      raw: { input_tokens: 7, output_tokens: 1, cache_read_input_tokens: null },
    });
    expect(convertAnthropicUsage(undefined).inputTokens.total).toBeUndefined();
  });
});

describe('toAnthropicUsage', () => {
  it('round-trips Anthropic usage', () => {
    const raw = {
      input_tokens: 100,
      output_tokens: 50,
      cache_creation_input_tokens: 20,
      cache_read_input_tokens: 300,
    };
    expect(toAnthropicUsage(convertAnthropicUsage(raw))).toEqual(raw);
  });

  it('derives uncached input from the total (OpenAI usage) and reports unknown cache counts as null', () => {
    expect(
      toAnthropicUsage({
        inputTokens: { total: 1000, noCache: undefined, cacheRead: 800, cacheWrite: undefined },
        outputTokens: { total: 12, text: undefined, reasoning: 4 },
      }),
    ).toEqual({
      input_tokens: 200,
      output_tokens: 12,
      cache_creation_input_tokens: null,
      cache_read_input_tokens: 800,
    });
    expect(toAnthropicUsage(emptyUsage())).toEqual({
      input_tokens: 0,
      output_tokens: 0,
      cache_creation_input_tokens: null,
      cache_read_input_tokens: null,
    });
  });
});

describe('anthropicUsageExtras', () => {
  it('returns the fields canonical usage has no slot for', () => {
    expect(
      anthropicUsageExtras({
        input_tokens: 1,
        output_tokens: 2,
        server_tool_use: { web_search_requests: 1 },
      }),
    ).toEqual({ server_tool_use: { web_search_requests: 1 } });
    expect(anthropicUsageExtras({ input_tokens: 1, output_tokens: 2 })).toBeUndefined();
  });
});
