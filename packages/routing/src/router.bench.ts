/**
 * Routing overhead per request (plan + bookkeeping), in-process with the mock provider:
 * `npx vitest bench packages/routing --run`. The difference between the gateway with the router
 * and the same gateway on core's default resolution is what the router adds.
 */
import { createGateway, type ChatRequest, type GatewayHttpRequest } from '@signalbox/core';
import { createMockProvider } from '@signalbox/provider-mock';
import { bench, describe } from 'vitest';
import { buildPlan } from './plan.js';
import { ProviderStats } from './provider-stats.js';
import { router } from './router.js';
import { readRoutingPreferences } from './routing-preferences.js';
import { twoProviderCatalog } from './router-test-kit.js';
import { createCatalog } from './catalog.js';

const providers = [createMockProvider(), createMockProvider({ name: 'primary' }), createMockProvider({ name: 'backup' })];
for (const provider of providers) (provider.calls as unknown[]).length = 0;
const catalog = twoProviderCatalog();
const withRouter = createGateway({ providers, use: [router({ catalog })] });
const withoutRouter = createGateway({ providers });
const body = new TextEncoder().encode(
  JSON.stringify({ model: 'mock/echo', messages: [{ role: 'user', content: 'hello there' }] }),
);
const optionsBody = new TextEncoder().encode(
  JSON.stringify({
    model: 'acme/chat',
    models: ['mock/echo'],
    provider: { order: ['backup'], sort: 'price' },
    messages: [{ role: 'user', content: 'hello there' }],
  }),
);

function request(payload: Uint8Array): GatewayHttpRequest {
  return {
    method: 'POST',
    path: '/v1/chat/completions',
    query: new URLSearchParams(),
    headers: { 'content-type': 'application/json' },
    body: payload,
    signal: new AbortController().signal,
  };
}

/** The mock records every call; keep the benchmark's memory flat. */
function forget() {
  for (const provider of providers) provider.calls.length = 0;
}

describe('gateway.handle, non-streamed, mock provider', () => {
  bench('core default resolution (baseline)', async () => {
    await withoutRouter.handle(request(body));
    forget();
  });
  bench('router, pass-through model', async () => {
    await withRouter.handle(request(body));
    forget();
  });
  bench('router, catalog model with OpenRouter options', async () => {
    await withRouter.handle(request(optionsBody));
    forget();
  });
});

const built = createCatalog(catalog);
const providerMap = new Map(providers.map((provider) => [provider.name, provider]));
const stats = new ProviderStats();
const canonical: ChatRequest = {
  model: 'acme/chat',
  stream: false,
  messages: [{ role: 'user', content: [{ type: 'text', text: 'hi' }] }],
  source: { format: 'openai', extraFields: { models: ['mock/echo'], provider: { order: ['backup'] } }, forwardHeaders: {} },
};

describe('planning alone', () => {
  bench('readRoutingPreferences + buildPlan', () => {
    const preferences = readRoutingPreferences(canonical);
    buildPlan({ catalog: built, providers: providerMap, preferences, request: canonical, stats });
  });
});
