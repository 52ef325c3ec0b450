/**
 * A cache hit against a miss, in-process through `gateway.handle` with the mock provider (whose
 * answer costs almost nothing, so a miss here is the gateway's own work plus the store write):
 * `npx vitest bench packages/cache --run`.
 */
import { createGateway, type GatewayHttpRequest, type GatewayHttpResponse } from '@signalbox/core';
import { createMockProvider } from '@signalbox/provider-mock';
import { bench, describe } from 'vitest';
import { MemoryCacheStore } from './memory-cache-store.js';
import { responseCache } from './response-cache.js';

const mock = createMockProvider();
const store = new MemoryCacheStore({ maxBytes: 16 * 1024 * 1024 });
const withCache = createGateway({ providers: [mock], use: [responseCache({ store })] });
const withoutCache = createGateway({ providers: [mock] });
const encoder = new TextEncoder();
const CACHE = { 'content-type': 'application/json', 'x-signalbox-cache': 'true' };
let unique = 0;

function body(content: string, stream = false): Uint8Array {
  return encoder.encode(
    JSON.stringify({
      model: 'mock/echo',
      messages: [
        { role: 'system', content: 'You are a helpful assistant that answers briefly.' },
        { role: 'user', content },
      ],
      ...(stream && { stream: true }),
    }),
  );
}

function request(payload: Uint8Array, headers: Record<string, string>): GatewayHttpRequest {
  return {
    method: 'POST',
    path: '/v1/chat/completions',
    query: new URLSearchParams(),
    headers,
    body: payload,
    signal: new AbortController().signal,
  };
}

async function drain(response: GatewayHttpResponse): Promise<void> {
  if (response.body.type === 'sse') for await (const _frame of response.body.events);
  mock.calls.length = 0;
}

const hitBody = body('the same question every time');
const hitStreamBody = body('the same streamed question every time', true);
await drain(await withCache.handle(request(hitBody, CACHE)));
await drain(await withCache.handle(request(hitStreamBody, CACHE)));

describe('gateway.handle, non-streamed, mock provider', () => {
  bench('no cache middleware (baseline)', async () => {
    await drain(await withoutCache.handle(request(hitBody, { 'content-type': 'application/json' })));
  });
  bench('cache on, miss (new prompt each time, stored)', async () => {
    await drain(await withCache.handle(request(body(`question ${unique++}`), CACHE)));
  });
  bench('cache on, hit', async () => {
    await drain(await withCache.handle(request(hitBody, CACHE)));
  });
});

describe('gateway.handle, streamed, mock provider', () => {
  bench('no cache middleware (baseline)', async () => {
    await drain(await withoutCache.handle(request(hitStreamBody, { 'content-type': 'application/json' })));
  });
  bench('cache on, miss (new prompt each time, recorded)', async () => {
    await drain(await withCache.handle(request(body(`streamed question ${unique++}`, true), CACHE)));
  });
  bench('cache on, hit (replayed)', async () => {
    await drain(await withCache.handle(request(hitStreamBody, CACHE)));
  });
});
