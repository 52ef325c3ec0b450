/**
 * Routing overhead per request (plan + bookkeeping): `npx vitest bench packages/routing --run`.
 *
 * 1. The router middleware alone against core's default resolution (`runAttempt(resolveModel)`),
 *    with a provider that answers at once: the difference is what the router adds per request.
 * 2. Whole in-process requests (`gateway.handle`, JSON decode and encode included) with the mock
 *    provider, with and without the router.
 */
import {
  createGateway,
  type GatewayContext,
  type GatewayHttpRequest,
  type GenerateResult,
  type ProviderAdapter,
  randomIds,
  resolveModel,
  runAttempt,
  systemClock,
} from '@signalbox/core';
import { createMockProvider } from '@signalbox/provider-mock';
import { bench, describe } from 'vitest';
import { router } from './router.js';
import { twoProviderCatalog } from './router-test-kit.js';

const result: GenerateResult = {
  content: [{ type: 'text', text: 'hi' }],
  finishReason: { unified: 'stop', raw: 'stop' },
  usage: {
    inputTokens: { total: 1, noCache: 1, cacheRead: 0, cacheWrite: 0 },
    outputTokens: { total: 1, text: 1, reasoning: 0 },
  },
  warnings: [],
  response: { id: 'r' },
};
const instant = (name: string): ProviderAdapter => ({
  specificationVersion: 'v1',
  name,
  generate: async () => result,
  stream: async () => {
    throw new Error('not used');
  },
});
const instantProviders = new Map(['mock', 'primary', 'backup'].map((name) => [name, instant(name)]));
const signal = new AbortController().signal;

function context(model: string, extraFields: Record<string, unknown> = {}): GatewayContext {
  return {
    endpoint: 'chat.completions',
    format: 'openai',
    http: {
      method: 'POST',
      path: '/chat/completions',
      query: new URLSearchParams(),
      headers: {},
      body: undefined,
      signal,
    },
    responseHeaders: {},
    state: {},
    signal,
    clock: systemClock,
    ids: randomIds,
    providers: instantProviders,
    request: {
      model,
      stream: false,
      messages: [],
      source: { format: 'openai', extraFields, forwardHeaders: {} },
    },
    generationId: 'gen_bench',
    attempts: [],
    timings: { start: 0 },
    extenders: [],
    onDone: [],
  };
}

const next = async () => {};
const plain = router({ catalog: twoProviderCatalog() });
const timed = router({ catalog: twoProviderCatalog(), attemptTimeoutMs: 60_000, totalTimeoutMs: 120_000 });
const options = { models: ['mock/echo'], provider: { order: ['backup'], sort: 'price' } };

describe('router middleware alone (instant provider)', () => {
  bench('core default resolution (baseline)', async () => {
    const target = context('mock/echo');
    await runAttempt(target, resolveModel(target.request.model, instantProviders));
  });
  bench('router, pass-through model', async () => {
    await plain(context('mock/echo'), next);
  });
  bench('router, catalog model with OpenRouter options', async () => {
    await plain(context('acme/chat', options), next);
  });
  bench('router, pass-through, attempt and total timeouts', async () => {
    await timed(context('mock/echo'), next);
  });
});

const mockProviders = [
  createMockProvider(),
  createMockProvider({ name: 'primary' }),
  createMockProvider({ name: 'backup' }),
];
const withRouter = createGateway({
  providers: mockProviders,
  use: [router({ catalog: twoProviderCatalog() })],
});
const withoutRouter = createGateway({ providers: mockProviders });
const encode = (body: unknown) => new TextEncoder().encode(JSON.stringify(body));
const messages = [{ role: 'user', content: 'hello there' }];
const plainBody = encode({ model: 'mock/echo', messages });
const optionsBody = encode({ model: 'acme/chat', messages, ...options });

function request(body: Uint8Array): GatewayHttpRequest {
  const headers = { 'content-type': 'application/json' };
  return {
    method: 'POST',
    path: '/v1/chat/completions',
    query: new URLSearchParams(),
    headers,
    body,
    signal,
  };
}

/** The mock records every call; keep memory flat. */
function forget() {
  for (const provider of mockProviders) provider.calls.length = 0;
}

describe('gateway.handle, non-streamed, mock provider', () => {
  bench('core default resolution (baseline)', async () => {
    await withoutRouter.handle(request(plainBody));
    forget();
  });
  bench('router, pass-through model', async () => {
    await withRouter.handle(request(plainBody));
    forget();
  });
  bench('router, catalog model with OpenRouter options', async () => {
    await withRouter.handle(request(optionsBody));
    forget();
  });
});
