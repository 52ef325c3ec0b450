import { createGateway, type GatewayHttpRequest } from '@signalbox/core';
import { createMockProvider } from '@signalbox/provider-mock';
import { router } from './src/router.js';
import { twoProviderCatalog } from './src/router-test-kit.js';
const providers = [createMockProvider(), createMockProvider({ name: 'primary' }), createMockProvider({ name: 'backup' })];
const gateway = createGateway({ providers, use: [router({ catalog: twoProviderCatalog() })] });
const body = new TextEncoder().encode(JSON.stringify({ model: 'mock/echo', messages: [{ role: 'user', content: 'hello there' }] }));
const req = (): GatewayHttpRequest => ({ method: 'POST', path: '/v1/chat/completions', query: new URLSearchParams(), headers: { 'content-type': 'application/json' }, body, signal: new AbortController().signal });
for (let i = 0; i < 100000; i++) { await gateway.handle(req()); if (i % 1000 === 0) for (const p of providers) p.calls.length = 0; }
