import type { GatewayContext, Usage } from '@signalbox/core';
import { describe, expect, it } from 'vitest';
import { tokenDetailsExtension } from './usage-extension.js';

function context(format: 'openai' | 'anthropic', usage: Usage | undefined): GatewayContext {
  return { format, usage } as unknown as GatewayContext;
}

describe('tokenDetailsExtension', () => {
  const usage: Usage = {
    inputTokens: { total: 100, noCache: 10, cacheRead: 60, cacheWrite: 30 },
    outputTokens: { total: 20, text: 15, reasoning: 5 },
  };

  it("adds OpenRouter's details and Vercel's cache_creation_input_tokens on the OpenAI endpoint", () => {
    expect(tokenDetailsExtension(context('openai', usage))).toEqual({
      usage: {
        prompt_tokens_details: { cached_tokens: 60, cache_write_tokens: 30 },
        completion_tokens_details: { reasoning_tokens: 5 },
        cache_creation_input_tokens: 30,
      },
    });
  });

  it('adds the OpenRouter details on the Anthropic endpoint (whose usage has the cache counts)', () => {
    expect(tokenDetailsExtension(context('anthropic', usage))).toEqual({
      usage: {
        prompt_tokens_details: { cached_tokens: 60, cache_write_tokens: 30 },
        completion_tokens_details: { reasoning_tokens: 5 },
      },
    });
  });

  it('leaves unknown counts out instead of sending 0', () => {
    const unknown: Usage = {
      inputTokens: { total: 10, noCache: undefined, cacheRead: undefined, cacheWrite: undefined },
      outputTokens: { total: 2, text: undefined, reasoning: undefined },
    };
    expect(tokenDetailsExtension(context('openai', unknown))).toBeUndefined();
    expect(tokenDetailsExtension(context('openai', undefined))).toBeUndefined();
  });
});

describe('tokenDetailsExtension on a response-cache hit', () => {
  const zero: Usage = {
    inputTokens: { total: 0, noCache: 0, cacheRead: 0, cacheWrite: 0 },
    outputTokens: { total: 0, text: 0, reasoning: 0 },
  };
  const cost = {
    total: '0',
    market: '0',
    inference: '0',
    input: '0',
    output: '0',
    cacheRead: '0',
    cacheWrite: '0',
    isByok: false,
    estimated: false,
  };

  it('renders the cost fields itself, since the metadata middleware inside the cache did not run', () => {
    const hit = { format: 'openai', usage: zero, cacheStatus: 'HIT', cost } as unknown as GatewayContext;
    expect(tokenDetailsExtension(hit)).toEqual({
      usage: {
        prompt_tokens_details: { cached_tokens: 0, cache_write_tokens: 0 },
        completion_tokens_details: { reasoning_tokens: 0 },
        cache_creation_input_tokens: 0,
        cost: 0,
        is_byok: false,
        cost_details: {
          upstream_inference_cost: 0,
          upstream_inference_prompt_cost: 0,
          upstream_inference_completions_cost: 0,
        },
        market_cost: 0,
      },
      message: {
        provider_metadata: {
          gateway: {
            cost: '0',
            marketCost: '0',
            inferenceCost: '0',
            inputInferenceCost: '0',
            outputInferenceCost: '0',
          },
        },
      },
    });
    const anthropic = tokenDetailsExtension({ ...hit, format: 'anthropic' } as GatewayContext);
    expect(anthropic?.body).toEqual({
      provider_metadata: { gateway: expect.objectContaining({ cost: '0' }) },
    });
  });

  it('leaves the cost to the metadata middleware otherwise', () => {
    const miss = { format: 'openai', usage: zero, cacheStatus: 'MISS', cost } as unknown as GatewayContext;
    expect(tokenDetailsExtension(miss)?.usage).not.toHaveProperty('cost');
  });
});
