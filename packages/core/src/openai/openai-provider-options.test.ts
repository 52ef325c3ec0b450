import { describe, expect, it } from 'vitest';
import {
  assignOpenAIExtras,
  collectExtras,
  hasOpenAIExtras,
  openaiProviderOptions,
  partProviderOptions,
} from './openai-provider-options.js';

describe('openai provider options', () => {
  it('collects unknown fields only', () => {
    expect(collectExtras({ role: 'user', content: 'x', name: 'a' }, new Set(['role', 'content']))).toEqual({
      name: 'a',
    });
    expect(collectExtras({ role: 'user' }, new Set(['role']))).toBeUndefined();
    expect(openaiProviderOptions(undefined)).toBeUndefined();
    expect(openaiProviderOptions({ a: 1 })).toEqual({ openai: { a: 1 } });
  });

  it('re-emits wire fields, never bookkeeping keys, and never over mapped fields', () => {
    const target = assignOpenAIExtras(
      { role: 'system', content: 'x' },
      {
        openai: { role: 'developer', maxTokensField: 'max_tokens', name: 'n', content: 'ignored' },
        anthropic: { a: 1 },
      },
    );
    expect(target).toEqual({ role: 'system', content: 'x', name: 'n' });
    expect(hasOpenAIExtras({ openai: { role: 'developer' } })).toBe(false);
    expect(hasOpenAIExtras({ openai: { cache_control: {} } })).toBe(true);
    expect(hasOpenAIExtras(undefined)).toBe(false);
  });

  it('mirrors an OpenRouter-style cache_control of a part into the Anthropic options', () => {
    const marker = { type: 'ephemeral', ttl: '1h' };
    expect(partProviderOptions({ cache_control: marker, x: 1 })).toEqual({
      openai: { cache_control: marker, x: 1 },
      anthropic: { cache_control: marker },
    });
    expect(partProviderOptions({ x: 1 })).toEqual({ openai: { x: 1 } });
    expect(partProviderOptions({ cache_control: 'yes' })).toEqual({ openai: { cache_control: 'yes' } });
    expect(partProviderOptions(undefined)).toBeUndefined();
  });
});
