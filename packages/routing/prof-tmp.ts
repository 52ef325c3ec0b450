import { createGateway, type GatewayHttpRequest } from '@signalbox/core';
import { createMockProvider } from '@signalbox/provider-mock';
import { router } from './src/router.js';
import { twoProviderCatalog } from './src/router-test-kit.js';

const providers = [createMockProvider(), createMockProvider({ name: 'primary' }), createMockProvider({ name: 'backup' })];
const variants: Record<string, ReturnType<typeof createGateway>> = {
  base: createGateway({ providers }),
  router: createGateway({ providers, use: [router({ catalog: twoProviderCatalog() })] }),
  routerNoCooldown: createGateway({ providers, use: [router({ catalog: twoProviderCatalog(), cooldown: false })] }),
};
const body = new TextEncoder().encode(JSON.stringify({ model: process.argv[2] ?? 'mock/echo', messages: [{ role: 'user', content: 'hello there' }] }));
const req = (): GatewayHttpRequest => ({ method: 'POST', path: '/v1/chat/completions', query: new URLSearchParams(), headers: { 'content-type': 'application/json' }, body, signal: new AbortController().signal });
const results: Record<string, number[]> = {};
for (let round = 0; round < 8; round++) {
  for (const [name, gateway] of Object.entries(variants)) {
    const N = 5000;
    const t = performance.now();
    for (let i = 0; i < N; i++) { await gateway.handle(req()); }
    for (const p of providers) p.calls.length = 0;
    (results[name] ??= []).push(((performance.now() - t) * 1000) / N);
  }
}
for (const [name, list] of Object.entries(results)) {
  const sorted = list.slice(2).sort((a, b) => a - b);
  console.log(name, sorted.map((x) => x.toFixed(1)).join(' '), 'median', sorted[Math.floor(sorted.length / 2)]?.toFixed(1));
}
