import type { GatewayContext, Usage } from '@signalbox/core';
import { describe, expect, it } from 'vitest';
import { createPriceCatalog } from './price-catalog.js';
import { cacheWrite1hTokens, RequestAccount } from './request-account.js';

const settings = { catalog: createPriceCatalog(), byokRule: undefined, charactersPerToken: 4 };

function context(overrides: Partial<GatewayContext> = {}): GatewayContext {
  return {
    request: {
      model: 'mock/echo',
      stream: true,
      messages: [{ role: 'user', content: [{ type: 'text', text: 'abcdefgh' }] }],
    },
    attempts: [],
    state: {},
    ...overrides,
  } as unknown as GatewayContext;
}

const usage: Usage = {
  inputTokens: { total: 5, noCache: 5, cacheRead: 0, cacheWrite: 0 },
  outputTokens: { total: 2, text: 2, reasoning: 0 },
};

describe('RequestAccount', () => {
  it('counts streamed output (text, reasoning, tool input once) and prices at finish', () => {
    const account = new RequestAccount(context(), settings);
    account.observe({ type: 'text-delta', id: 't', delta: 'abcd' });
    account.observe({ type: 'reasoning-delta', id: 'r', delta: 'ef' });
    account.observe({ type: 'tool-input-start', id: 'c1', toolName: 'go' });
    account.observe({ type: 'tool-input-delta', id: 'c1', delta: '{}' });
    account.observe({ type: 'tool-call', toolCallId: 'c1', toolName: 'go', input: '{}' });
    account.observe({ type: 'tool-call', toolCallId: 'c2', toolName: 'go', input: '{"a":1}' });
    expect(account.outputCharacters).toBe(4 + 2 + 2 + 2 + 2 + 7);
    expect(account.breakdown).toBeUndefined();
    account.observe({ type: 'finish', finishReason: { unified: 'stop', raw: 'stop' }, usage });
    expect(account.breakdown?.total).toBe('0.000009');
    expect(account.finishReason()).toEqual({ unified: 'stop', raw: 'stop' });
    expect(account.settle()).toBe(account.breakdown);
  });

  it('a stream without finish is priced from what was seen, estimated', () => {
    const account = new RequestAccount(context({ stream: (async function* () {})() }), settings);
    account.observe({ type: 'text-delta', id: 't', delta: 'x'.repeat(9) });
    // input: 8 characters -> 2 + 4 per message = 6; output: 9 characters -> 3.
    expect(account.settle()).toMatchObject({
      total: '0.000012',
      estimated: true,
      tokens: { noCache: 6, output: 3 },
    });
  });

  it('nothing delivered: 0, or undefined for an unpriced model', () => {
    expect(new RequestAccount(context(), settings).settle()).toMatchObject({ total: '0', estimated: false });
    const unpriced = context({ request: { model: 'nobody/x', stream: false, messages: [] } });
    expect(new RequestAccount(unpriced, settings).settle()).toBeUndefined();
  });

  it('charges per input image at a per-image price, and a cache hit of an unpriced model nothing', () => {
    const catalog = createPriceCatalog({
      prices: { 'vision/see': { input: '0.000001', output: '0.000002', image: '0.01' } },
    });
    const withImages = context({
      request: {
        model: 'vision/see',
        stream: false,
        messages: [
          {
            role: 'user',
            content: [
              { type: 'text', text: 'what is this' },
              { type: 'image', source: { type: 'url', url: 'https://example.test/a.png' } },
              { type: 'image', source: { type: 'url', url: 'https://example.test/b.png' } },
            ],
          },
        ],
      },
    } as unknown as Partial<GatewayContext>);
    const account = new RequestAccount(withImages, { ...settings, catalog });
    expect(account.price(usage)).toMatchObject({ fixed: '0.02', input: '0.020005' });
    const hit = context({ request: { model: 'nobody/x', stream: false, messages: [] }, cacheStatus: 'HIT' });
    expect(new RequestAccount(hit, settings).price(usage)).toMatchObject({ total: '0', cacheDiscount: '0' });
  });

  it('prices with the served provider when the model id is an alias', () => {
    const aliased = context({
      resolved: { model: 'cheap', provider: 'openai', providerModelId: 'gpt-4o-mini' },
    });
    expect(new RequestAccount(aliased, settings).price(usage)?.input).toBe('0.00000075');
  });
});

describe('cacheWrite1hTokens', () => {
  it('reads Anthropic’s TTL split from the raw usage or the provider metadata', () => {
    expect(
      cacheWrite1hTokens({ ...usage, raw: { cache_creation: { ephemeral_1h_input_tokens: 7 } } }, undefined),
    ).toBe(7);
    expect(
      cacheWrite1hTokens(usage, {
        anthropic: { usage: { cache_creation: { ephemeral_1h_input_tokens: 9 } } },
      }),
    ).toBe(9);
    expect(cacheWrite1hTokens(usage, undefined)).toBe(0);
    expect(cacheWrite1hTokens(undefined, undefined)).toBe(0);
  });
});
