import { describe, expect, it } from 'vitest';
import { pickExtras, rawBlockOf, rawBlockPart, withExtras } from './anthropic-extras.js';

describe('anthropic extras', () => {
  it('picks unmapped fields without copying their values', () => {
    const cacheControl = { type: 'ephemeral' };
    const extras = pickExtras(
      { type: 'text', text: 'x', cache_control: cacheControl, gone: undefined },
      new Set(['type', 'text']),
    );
    expect(extras).toEqual({ cache_control: cacheControl });
    expect(extras?.cache_control).toBe(cacheControl);
    expect(pickExtras({ type: 'text', text: 'x' }, new Set(['type', 'text']))).toBeUndefined();
  });

  it('re-emits extras without overriding mapped fields', () => {
    const block = withExtras(
      { type: 'text', text: 'x' },
      { anthropic: { text: 'evil', cache_control: { type: 'ephemeral' } } },
    );
    expect(block).toEqual({ type: 'text', text: 'x', cache_control: { type: 'ephemeral' } });
    expect(withExtras({ a: 1 }, { openai: { b: 2 } })).toEqual({ a: 1 });
  });

  it('wraps opaque blocks in text parts', () => {
    const block = { type: 'server_tool_use', id: 's', name: 'web_search', input: {} };
    const part = rawBlockPart(block);
    expect(part.text).toBe('');
    expect(rawBlockOf(part.providerOptions)).toBe(block);
    expect(rawBlockOf({ anthropic: { rawBlock: 'nope' } })).toBeUndefined();
  });
});
