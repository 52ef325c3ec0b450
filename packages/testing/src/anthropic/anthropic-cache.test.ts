import { describe, expect, it } from 'vitest';
import { anthropicInputTokens, PromptCache } from './anthropic-cache.js';

const longText = 'You are a careful assistant. '.repeat(40);
const ephemeral = { type: 'ephemeral' };

function request(messages: unknown[], cacheControl: unknown = ephemeral) {
  return {
    model: 'claude-haiku-4-5',
    max_tokens: 100,
    system: [{ type: 'text', text: longText, cache_control: cacheControl }],
    messages,
  };
}

const first = [{ role: 'user', content: 'hello' }];

describe('PromptCache', () => {
  it('writes the prefix on first sight, then reads it, excluding it from input_tokens', () => {
    let now = 0;
    const cache = new PromptCache({ now: () => now });
    const body = request(first);
    const total = anthropicInputTokens(body);
    const prefix = anthropicInputTokens({ system: body.system, messages: [] });
    const written = cache.account(body);
    expect(written).toEqual({
      inputTokens: total - prefix,
      cacheCreationInputTokens: prefix,
      cacheReadInputTokens: 0,
      cacheCreation: { ephemeral_5m_input_tokens: prefix, ephemeral_1h_input_tokens: 0 },
    });
    now = 60_000;
    const readBack = cache.account(request([{ role: 'user', content: 'a different question' }]));
    expect(readBack).toMatchObject({ cacheCreationInputTokens: 0, cacheReadInputTokens: prefix });
    expect(readBack.inputTokens).toBe(
      anthropicInputTokens(request([{ role: 'user', content: 'a different question' }])) - prefix,
    );
  });

  it('expires after 5 minutes without a read, and a read refreshes the TTL', () => {
    let now = 0;
    const cache = new PromptCache({ now: () => now });
    cache.account(request(first));
    now = 4 * 60_000;
    expect(cache.account(request(first)).cacheReadInputTokens).toBeGreaterThan(0);
    now = 8 * 60_000;
    expect(cache.account(request(first)).cacheReadInputTokens).toBeGreaterThan(0);
    now = 14 * 60_000;
    const expired = cache.account(request(first));
    expect(expired.cacheReadInputTokens).toBe(0);
    expect(expired.cacheCreationInputTokens).toBeGreaterThan(0);
  });

  it('keeps 1-hour entries for an hour and reports them apart', () => {
    let now = 0;
    const cache = new PromptCache({ now: () => now });
    const usage = cache.account(request(first, { type: 'ephemeral', ttl: '1h' }));
    expect(usage.cacheCreation.ephemeral_1h_input_tokens).toBe(usage.cacheCreationInputTokens);
    now = 30 * 60_000;
    expect(cache.account(request(first, { type: 'ephemeral', ttl: '1h' })).cacheReadInputTokens).toBe(
      usage.cacheCreationInputTokens,
    );
  });

  it('reads an earlier prefix when the breakpoint moves forward in a growing conversation', () => {
    const cache = new PromptCache({ now: () => 0 });
    const turn = (text: string, marked: boolean) => ({
      role: 'user',
      content: [{ type: 'text', text, ...(marked && { cache_control: ephemeral }) }],
    });
    const one = { model: 'm', max_tokens: 5, messages: [turn('first question', true)] };
    const firstUsage = cache.account(one);
    expect(firstUsage.cacheCreationInputTokens).toBe(anthropicInputTokens(one));
    const two = {
      model: 'm',
      max_tokens: 5,
      messages: [
        turn('first question', false),
        { role: 'assistant', content: 'an answer' },
        turn('second', true),
      ],
    };
    const secondUsage = cache.account(two);
    expect(secondUsage.cacheReadInputTokens).toBe(firstUsage.cacheCreationInputTokens);
    expect(secondUsage.cacheCreationInputTokens).toBe(
      anthropicInputTokens(two) - firstUsage.cacheCreationInputTokens,
    );
    expect(secondUsage.inputTokens).toBe(0);
  });

  it('does nothing without breakpoints, or below the minimum length', () => {
    const cache = new PromptCache({ minTokens: 100_000 });
    const plain = { model: 'm', max_tokens: 5, messages: first };
    expect(cache.account(plain)).toMatchObject({
      inputTokens: anthropicInputTokens(plain),
      cacheReadInputTokens: 0,
    });
    expect(cache.account(request(first)).cacheCreationInputTokens).toBe(0);
    expect(cache.account(request(first)).cacheReadInputTokens).toBe(0);
  });

  it('ignores where the markers sit when comparing prefixes, and forgets on clear', () => {
    const cache = new PromptCache();
    cache.account(request(first));
    const moved = {
      ...request(first),
      messages: [{ role: 'user', content: [{ type: 'text', text: 'hello', cache_control: ephemeral }] }],
    };
    expect(cache.account(moved).cacheReadInputTokens).toBeGreaterThan(0);
    cache.clear();
    expect(cache.account(request(first)).cacheReadInputTokens).toBe(0);
  });
});
