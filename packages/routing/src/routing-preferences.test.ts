import type { ChatRequest } from '@signalbox/core';
import { describe, expect, it } from 'vitest';
import { chat, httpRequest, jsonOf, message, setup } from './router-test-kit.js';
import { hasRoutingOptions, readRoutingPreferences, stripRoutingFields } from './routing-preferences.js';

function request(
  extraFields: Record<string, unknown>,
  providerOptions?: ChatRequest['providerOptions'],
): ChatRequest {
  return {
    model: 'a/b',
    stream: false,
    messages: [],
    source: { format: 'openai', extraFields, forwardHeaders: {} },
    ...(providerOptions && { providerOptions }),
  };
}

describe('readRoutingPreferences', () => {
  it('defaults to the requested model alone, with fallbacks allowed', () => {
    expect(readRoutingPreferences(request({}))).toEqual({
      models: ['a/b'],
      allowFallbacks: true,
      requireParameters: false,
    });
  });

  it('reads OpenRouter fields: model first, then models and fallbacks, provider preferences', () => {
    const preferences = readRoutingPreferences(
      request({
        models: ['c/d', 'a/b'],
        fallbacks: [{ model: 'e/f' }],
        provider: {
          order: ['x'],
          only: ['x', 'y'],
          ignore: ['z'],
          allow_fallbacks: false,
          sort: { by: 'throughput', partition: 'none' },
          require_parameters: true,
          max_price: { prompt: '1.5', completion: 3 },
          data_collection: 'deny',
        },
      }),
    );
    expect(preferences).toEqual({
      models: ['a/b', 'c/d', 'e/f'],
      order: ['x'],
      only: ['x', 'y'],
      ignore: ['z'],
      allowFallbacks: false,
      sort: { by: 'throughput', partition: 'none' },
      requireParameters: true,
      maxPrice: { prompt: 1.5, completion: 3 },
    });
  });

  it('reads Vercel providerOptions.gateway from the body and from the canonical request, ignoring unknown keys', () => {
    const preferences = readRoutingPreferences(
      request(
        {
          providerOptions: {
            gateway: { order: ['y'], sort: 'ttft', models: ['c/d'], user: 'ignored', tags: ['t'] },
          },
        },
        { gateway: { only: ['y', 'x'], providerTimeouts: { byok: { y: 500 } } } },
      ),
    );
    expect(preferences).toMatchObject({
      models: ['a/b', 'c/d'],
      order: ['y'],
      only: ['y', 'x'],
      sort: { by: 'latency', partition: 'model' },
      providerTimeouts: { byok: { y: 500 } },
    });
  });

  it('intersects `only` lists given in both styles', () => {
    const preferences = readRoutingPreferences(
      request({ provider: { only: ['x', 'y'] }, providerOptions: { gateway: { only: ['y', 'z'] } } }),
    );
    expect(preferences.only).toEqual(['y']);
  });

  it('rejects invalid options with a 400 naming the field', () => {
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ provider: { order: [1] } }, 'provider.order[0]'],
      [{ provider: { sort: 'fastest' } }, 'provider.sort'],
      [{ provider: { max_price: { prompt: 'cheap' } } }, 'provider.max_price.prompt'],
      [{ models: 'a/b' }, 'models'],
      [{ fallbacks: [{}] }, 'fallbacks[0].model'],
      [{ providerOptions: { gateway: { order: 'x' } } }, 'providerOptions.gateway.order'],
      [{ providerOptions: { gateway: { sort: 'price' } } }, 'providerOptions.gateway.sort'],
      [{ providerOptions: 'x' }, 'providerOptions'],
    ];
    for (const [fields, param] of cases) {
      expect(() => readRoutingPreferences(request(fields)), param).toThrow(
        expect.objectContaining({ status: 400, param, code: 'invalid_routing_option' }),
      );
    }
    expect(() => readRoutingPreferences(request({ provider: { order: [1] } }))).toThrow(
      'Invalid routing option provider.order[0]: expected string, received number',
    );
  });
});

describe('stripRoutingFields', () => {
  it('removes models, provider, fallbacks and providerOptions.gateway, keeping the rest', () => {
    const original = request({
      models: [],
      provider: {},
      store: true,
      providerOptions: { gateway: {}, other: { a: 1 } },
    });
    expect(stripRoutingFields(original).source?.extraFields).toEqual({
      store: true,
      providerOptions: { other: { a: 1 } },
    });
    const plain = request({ store: true });
    expect(stripRoutingFields(plain)).toBe(plain);
  });
});

describe('router: per-request options on both endpoints', () => {
  const cases: Array<[string, Record<string, unknown>, string]> = [
    ['OpenRouter order', { provider: { order: ['backup'] } }, 'backup'],
    ['OpenRouter only', { provider: { only: ['backup'] } }, 'backup'],
    ['OpenRouter ignore', { provider: { ignore: ['primary'] } }, 'backup'],
    ['OpenRouter sort by price', { provider: { sort: 'price' } }, 'backup'],
    ['Vercel order', { providerOptions: { gateway: { order: ['backup', 'primary'] } } }, 'backup'],
    ['Vercel only', { providerOptions: { gateway: { only: ['backup'] } } }, 'backup'],
    ['Vercel sort by cost', { providerOptions: { gateway: { sort: 'cost' } } }, 'backup'],
    ['no options', {}, 'primary'],
  ];
  for (const [name, fields, expected] of cases) {
    it(`obeys ${name} on /chat/completions and /messages`, async () => {
      const { gateway, seen } = setup();
      const openai = await gateway.handle(httpRequest('/v1/chat/completions', chat('acme/chat', fields)));
      expect(openai.status).toBe(200);
      expect(seen.context?.resolved?.provider).toBe(expected);
      const anthropic = await gateway.handle(
        httpRequest('/v1/messages', message('acme/chat', fields), {
          headers: { 'anthropic-version': '2023-06-01' },
        }),
      );
      expect(anthropic.status).toBe(200);
      expect(seen.context?.resolved?.provider).toBe(expected);
    });
  }

  it('filters by max_price using catalog prices (USD per million tokens)', async () => {
    const { gateway, seen } = setup();
    await gateway.handle(
      httpRequest('/v1/chat/completions', chat('acme/chat', { provider: { max_price: { prompt: '1.5' } } })),
    );
    expect(seen.context?.routing?.plan.map((entry) => entry.provider)).toEqual(['backup']);
    const none = await gateway.handle(
      httpRequest(
        '/v1/chat/completions',
        chat('acme/chat', { provider: { max_price: { completion: 0.5 } } }),
      ),
    );
    expect(none.status).toBe(404);
    expect(jsonOf(none).error).toMatchObject({ code: 'no_providers_available' });
  });

  it("answers invalid options with a 400 in each endpoint's shape", async () => {
    const { gateway } = setup();
    const openai = await gateway.handle(
      httpRequest('/v1/chat/completions', chat('acme/chat', { provider: { order: [1] } })),
    );
    expect(openai.status).toBe(400);
    expect(jsonOf(openai).error).toMatchObject({ param: 'provider.order[0]', type: 'invalid_request_error' });
    const anthropic = await gateway.handle(
      httpRequest(
        '/v1/messages',
        message('acme/chat', { providerOptions: { gateway: { only: 'backup' } } }),
        {
          headers: { 'anthropic-version': '2023-06-01' },
        },
      ),
    );
    expect(anthropic.status).toBe(400);
    expect(jsonOf(anthropic)).toMatchObject({
      type: 'error',
      error: {
        type: 'invalid_request_error',
        message: expect.stringContaining('providerOptions.gateway.only'),
      },
    });
  });

  it('rejects a body with models but no model (the codecs require model)', async () => {
    const { gateway } = setup();
    const response = await gateway.handle(
      httpRequest('/v1/chat/completions', {
        models: ['mock/echo'],
        messages: [{ role: 'user', content: 'hi' }],
      }),
    );
    expect(response.status).toBe(400);
    expect(jsonOf(response).error).toMatchObject({ param: 'model' });
  });
});

describe('hasRoutingOptions', () => {
  it('is false exactly when the preferences are the defaults and nothing is stripped', () => {
    const plain = [
      request({}),
      request({ user: 'u1', providerOptions: null }),
      request({ providerOptions: undefined }),
      { model: 'a/b', stream: false, messages: [] } satisfies ChatRequest,
    ];
    for (const item of plain) {
      expect(hasRoutingOptions(item)).toBe(false);
      expect(readRoutingPreferences(item)).toEqual({
        models: ['a/b'],
        allowFallbacks: true,
        requireParameters: false,
      });
      expect(stripRoutingFields(item)).toBe(item);
    }
    const routed = [
      request({ models: ['c/d'] }),
      request({ provider: { order: ['c'] } }),
      request({ fallbacks: [] }),
      request({ models: undefined }),
      request({ providerOptions: { gateway: { order: ['c'] } } }),
      request({ providerOptions: { anthropic: {} } }),
      request({}, { gateway: { order: ['c'] } }),
    ];
    for (const item of routed) expect(hasRoutingOptions(item)).toBe(true);
  });
});
