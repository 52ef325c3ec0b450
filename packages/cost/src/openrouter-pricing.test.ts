import { createGateway } from '@signalbox/core';
import { createMockProvider } from '@signalbox/provider-mock';
import { describe, expect, it } from 'vitest';
import { openRouterPricing, withModelPricing } from './openrouter-pricing.js';
import { createPriceCatalog } from './price-catalog.js';
import { jsonOf, send } from './test-support.js';

const catalog = createPriceCatalog();

describe('openRouterPricing', () => {
  it("gives OpenRouter's per-token strings", () => {
    expect(openRouterPricing(catalog, 'anthropic/claude-haiku-4.5')).toEqual({
      prompt: '0.000001',
      completion: '0.000005',
      request: '0',
      image: '0',
      input_cache_read: '0.0000001',
      input_cache_write: '0.00000125',
    });
    expect(openRouterPricing(catalog, 'openai/gpt-4o-mini')).toEqual({
      prompt: '0.00000015',
      completion: '0.0000006',
      request: '0',
      image: '0',
      input_cache_read: '0.000000075',
    });
    expect(openRouterPricing(catalog, 'nobody/nothing')).toBeUndefined();
  });
});

describe('withModelPricing', () => {
  it('lists prices in GET /v1/models and leaves the adapter otherwise alone', async () => {
    const mock = createMockProvider();
    const priced = withModelPricing(mock, catalog);
    expect(priced.name).toBe('mock');
    expect(priced.calls).toBe(mock.calls);
    const gateway = createGateway({ providers: [priced] });
    const response = await send(gateway, 'GET', '/v1/models');
    expect(jsonOf(response)).toMatchObject({
      object: 'list',
      data: [
        {
          id: 'mock/echo',
          pricing: { prompt: '0.000001', completion: '0.000002', request: '0', image: '0' },
        },
      ],
    });
    const chat = await send(gateway, 'POST', '/v1/chat/completions', {
      body: { model: 'mock/echo', messages: [{ role: 'user', content: 'hi' }] },
    });
    expect(chat.status).toBe(200);
    expect(mock.calls).toHaveLength(1);
  });

  it('hands out each method bound to the adapter, once, and again when the adapter changes it', () => {
    const mock = createMockProvider();
    const priced = withModelPricing(mock, catalog);
    expect(priced.generate).toBe(priced.generate);
    const original = mock.generate;
    const replacement: typeof mock.generate = async function (this: unknown, call) {
      expect(this).toBe(mock);
      return original.call(mock, call);
    };
    mock.generate = replacement;
    expect(priced.generate).not.toBe(original);
    expect(priced.generate).toBe(priced.generate);
    return priced.generate({
      modelId: 'echo',
      request: { model: 'mock/echo', messages: [{ role: 'user', content: [{ type: 'text', text: 'hi' }] }] },
      signal: new AbortController().signal,
    } as Parameters<typeof mock.generate>[0]);
  });
});
