import { createGateway, type GatewayMiddleware, type ProviderCall, runAttempt } from '@signalbox/core';
import { createMockProvider, type MockProvider } from '@signalbox/provider-mock';
import { describe, expect, it } from 'vitest';
import type { AffinityStore } from './affinity-store.js';
import { promptCaching } from './prompt-caching.js';
import type { PromptCachingOptions } from './prompt-caching-options.js';
import { responseCache } from './response-cache.js';
import { jsonOf, post, record, recordingLogger } from './test-support.js';

const SYSTEM = 'You are a careful assistant. '.repeat(10);

function chat(extra: Record<string, unknown> = {}, content = 'What is new?') {
  return {
    model: 'mock/echo',
    messages: [
      { role: 'system', content: SYSTEM },
      { role: 'user', content },
    ],
    ...extra,
  };
}

function systemMarker(call: ProviderCall | undefined): unknown {
  const system = call?.request.messages.find((message) => message.role === 'system');
  return system?.content[0]?.providerOptions?.anthropic?.cache_control;
}

function setup(options: PromptCachingOptions = {}) {
  const mock = createMockProvider();
  const gateway = createGateway({ providers: [mock], use: [promptCaching(options)] });
  return { gateway, mock };
}

/** A router for tests: round-robin over the providers, unless the request prefers one. */
function alternatingRouter(names: string[]): GatewayMiddleware {
  let turn = 0;
  return async (context) => {
    const model = context.request.model.split('/')[1] ?? 'echo';
    const preferred = context.preferredProvider;
    const name =
      preferred !== undefined && names.includes(preferred)
        ? preferred
        : (names[turn++ % names.length] as string);
    const provider = context.providers.get(name);
    if (!provider) throw new Error(`no provider ${name}`);
    await runAttempt(context, { model: `${name}/${model}`, provider, providerModelId: model });
  };
}

describe('promptCaching: markers', () => {
  it('is off by default: no markers unless the request asks', async () => {
    const { gateway, mock } = setup();
    await post(gateway, '/v1/chat/completions', chat());
    expect(systemMarker(mock.calls[0])).toBeUndefined();
  });

  it("mode 'auto' marks every request's static prefix", async () => {
    const { gateway, mock } = setup({ mode: 'auto' });
    await post(gateway, '/v1/chat/completions', chat());
    expect(systemMarker(mock.calls[0])).toEqual({ type: 'ephemeral' });
  });

  it("a request asks with Vercel's providerOptions.gateway.caching: 'auto', or the header", async () => {
    const { gateway, mock } = setup();
    await post(gateway, '/v1/chat/completions', chat({ providerOptions: { gateway: { caching: 'auto' } } }));
    await post(gateway, '/v1/messages', {
      model: 'mock/echo',
      max_tokens: 10,
      system: SYSTEM,
      messages: [{ role: 'user', content: 'hi' }],
      providerOptions: { gateway: { caching: 'auto' } },
    });
    await post(gateway, '/v1/chat/completions', chat(), {
      headers: { 'x-signalbox-prompt-caching': 'auto' },
    });
    expect(mock.calls.map(systemMarker)).toEqual([
      { type: 'ephemeral' },
      { type: 'ephemeral' },
      { type: 'ephemeral' },
    ]);
  });

  it("a request can turn 'auto' off, and the ttl option sets 1h markers", async () => {
    const { gateway, mock } = setup({ mode: 'auto', ttl: '1h' });
    await post(gateway, '/v1/chat/completions', chat(), { headers: { 'x-signalbox-prompt-caching': 'off' } });
    await post(gateway, '/v1/chat/completions', chat());
    expect(systemMarker(mock.calls[0])).toBeUndefined();
    expect(systemMarker(mock.calls[1])).toEqual({ type: 'ephemeral', ttl: '1h' });
  });

  it('rejects an unknown header value or caching value with a 400 naming it', async () => {
    const { gateway, mock } = setup();
    const header = await post(gateway, '/v1/chat/completions', chat(), {
      headers: { 'x-signalbox-prompt-caching': 'always' },
    });
    expect(header.status).toBe(400);
    expect(record(jsonOf(header).error).param).toBe('x-signalbox-prompt-caching');
    const body = await post(
      gateway,
      '/v1/chat/completions',
      chat({ providerOptions: { gateway: { caching: 'forever' } } }),
    );
    expect(body.status).toBe(400);
    expect(record(jsonOf(body).error).param).toBe('providerOptions.gateway.caching');
    expect(mock.calls).toHaveLength(0);
  });

  it('records what it did in ctx.state.promptCaching', async () => {
    const mock = createMockProvider();
    const states: unknown[] = [];
    const spy: GatewayMiddleware = async (context, next) => {
      await next();
      states.push(context.state.promptCaching);
    };
    const gateway = createGateway({ providers: [mock], use: [spy, promptCaching({ mode: 'auto' })] });
    await post(gateway, '/v1/chat/completions', chat());
    expect(states[0]).toEqual({ added: ['system'], existing: 0 });
  });

  it('a response cache outside it keys on the request as the client sent it', async () => {
    const mock = createMockProvider();
    const gateway = createGateway({
      providers: [mock],
      use: [responseCache(), promptCaching({ mode: 'auto' })],
    });
    const headers = { 'x-signalbox-cache': 'true' };
    await post(gateway, '/v1/chat/completions', chat(), { headers });
    const hit = await post(gateway, '/v1/chat/completions', chat(), { headers });
    expect(hit.headers['x-signalbox-cache-status']).toBe('HIT');
    expect(mock.calls).toHaveLength(1);
  });

  it('rejects bad options at construction', () => {
    expect(() => promptCaching({ mode: 'always' as 'auto' })).toThrow(/promptCaching: invalid option mode/);
    expect(() => promptCaching({ maxBreakpoints: 5 })).toThrow(/maxBreakpoints/);
  });
});

describe('promptCaching: cache-affine routing', () => {
  function twoProviders(options: PromptCachingOptions = {}) {
    const a = createMockProvider({ name: 'mock-a' });
    const b = createMockProvider({ name: 'mock-b' });
    const gateway = createGateway({
      providers: [a, b],
      use: [promptCaching({ mode: 'auto', ...options }), alternatingRouter(['mock-a', 'mock-b'])],
    });
    return { gateway, a, b };
  }
  const served = (providers: MockProvider[]) => providers.map((provider) => provider.calls.length);

  it('sends a repeated prefix to the provider that served it last', async () => {
    const { gateway, a, b } = twoProviders();
    await post(gateway, '/v1/chat/completions', chat({ model: 'shared/echo' }, 'first question'));
    await post(gateway, '/v1/chat/completions', chat({ model: 'shared/echo' }, 'second question'));
    await post(gateway, '/v1/chat/completions', chat({ model: 'shared/echo' }, 'third question'));
    expect(served([a, b])).toEqual([3, 0]);
    // Another prefix is routed on its own (round-robin goes on).
    await post(gateway, '/v1/chat/completions', {
      model: 'shared/echo',
      messages: [
        { role: 'system', content: 'other' },
        { role: 'user', content: 'x' },
      ],
    });
    expect(served([a, b])).toEqual([3, 1]);
  });

  it('without affinity the same prefix lands on both providers', async () => {
    const { gateway, a, b } = twoProviders({ affinity: false });
    await post(gateway, '/v1/chat/completions', chat({ model: 'shared/echo' }));
    await post(gateway, '/v1/chat/completions', chat({ model: 'shared/echo' }));
    expect(served([a, b])).toEqual([1, 1]);
  });

  it('does not override a preference another middleware set', async () => {
    const a = createMockProvider({ name: 'mock-a' });
    const b = createMockProvider({ name: 'mock-b' });
    const prefer: GatewayMiddleware = async (context, next) => {
      context.preferredProvider = 'mock-b';
      await next();
    };
    const gateway = createGateway({
      providers: [a, b],
      use: [prefer, promptCaching({ mode: 'auto' }), alternatingRouter(['mock-a', 'mock-b'])],
    });
    await post(gateway, '/v1/chat/completions', chat({ model: 'shared/echo' }));
    await post(gateway, '/v1/chat/completions', chat({ model: 'shared/echo' }));
    expect(served([a, b])).toEqual([0, 2]);
  });

  it('an affinity store that fails only loses the preference, with a warning', async () => {
    const broken: AffinityStore = {
      get: () => Promise.reject(new Error('down')),
      set: () => Promise.reject(new Error('down')),
    };
    const logger = recordingLogger();
    const { gateway } = twoProviders({ affinityStore: broken, logger });
    const response = await post(gateway, '/v1/chat/completions', chat({ model: 'shared/echo' }));
    expect(response.status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(logger.warnings[0]).toContain('affinity store get failed');
  });
});
