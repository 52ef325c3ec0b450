import { createGateway } from '@signalbox/core';
import { createMockProvider } from '@signalbox/provider-mock';
import { describe, expect, it } from 'vitest';
import { generationRoute, mayRead, toOpenRouterGeneration } from './generation-route.js';
import { ledgerEntry } from './ledger-store-contract.js';
import { MemoryLedgerStore } from './ledger-store.js';
import { jsonOf, quietLogger, send, testPrincipal } from './test-support.js';

describe('toOpenRouterGeneration', () => {
  it("renders an entry in OpenRouter's shape, numbers for costs, plus the cache-write tokens", () => {
    const entry = ledgerEntry({
      generationId: 'gen_1',
      finishReason: 'tool-calls',
      nativeFinishReason: 'tool_use',
      tokens: {
        prompt: 100,
        completion: 20,
        noCache: 10,
        cacheRead: 60,
        cacheWrite: 30,
        cacheWrite1h: 10,
        reasoning: 5,
      },
    });
    expect(toOpenRouterGeneration(entry)).toMatchObject({
      id: 'gen_1',
      upstream_id: 'mock-1',
      total_cost: 0.000009,
      cache_discount: 0,
      upstream_inference_cost: 0.000009,
      usage: 0.000009,
      created_at: '2026-05-01T12:00:00.000Z',
      model: 'mock/echo',
      provider_name: 'mock',
      provider_responses: [
        { provider_name: 'mock', model: 'mock/echo', status: 200, latency: 4, is_byok: false, id: 'mock-1' },
      ],
      streamed: false,
      cancelled: false,
      latency: 5,
      generation_time: 4,
      finish_reason: 'tool_calls',
      native_finish_reason: 'tool_use',
      tokens_prompt: 100,
      tokens_completion: 20,
      native_tokens_reasoning: 5,
      native_tokens_cached: 60,
      native_tokens_cache_write: 30,
      is_byok: false,
      response_cache_source_id: null,
      signalbox: { cost: '0.000009', estimated: false, native_tokens_cache_write_1h: 10 },
    });
  });

  it('keeps unknown costs null', () => {
    const generation = toOpenRouterGeneration(
      ledgerEntry({ cost: null, inferenceCost: null, cacheDiscount: null }),
    );
    expect(generation).toMatchObject({
      total_cost: null,
      upstream_inference_cost: null,
      cache_discount: null,
    });
  });
});

describe('mayRead', () => {
  const entry = ledgerEntry({ principalId: 'key_1', projectId: 'proj_1' });
  it('lets the principal and its project read, nobody else', () => {
    expect(mayRead({ id: 'key_1', kind: 'key' }, entry)).toBe(true);
    expect(mayRead({ id: 'key_2', kind: 'key', projectId: 'proj_1' }, entry)).toBe(true);
    expect(mayRead({ id: 'key_2', kind: 'key', projectId: 'proj_2' }, entry)).toBe(false);
    expect(mayRead(undefined, entry)).toBe(false);
    expect(mayRead(undefined, ledgerEntry({ principalId: null }))).toBe(true);
  });
});

describe('GET /generation', () => {
  const ledger = new MemoryLedgerStore();
  const gateway = createGateway({
    providers: [createMockProvider()],
    use: [testPrincipal()],
    routes: [generationRoute(ledger)],
    logger: quietLogger,
  });

  it('answers {data} for the owner, 404 for others and unknown ids, 400 without an id', async () => {
    const entry = ledgerEntry({ principalId: 'key_1', projectId: 'proj_1' });
    await ledger.insert(entry);
    const own = await send(gateway, 'GET', `/v1/generation?id=${entry.generationId}`, {
      headers: { 'x-test-principal': 'key_1' },
    });
    expect(own.status).toBe(200);
    expect(jsonOf(own)).toMatchObject({ data: { id: entry.generationId, total_cost: 0.000009 } });

    const other = await send(gateway, 'GET', `/generation?id=${entry.generationId}`, {
      headers: { 'x-test-principal': 'key_2:proj_2' },
    });
    expect(other.status).toBe(404);
    expect(jsonOf(other)).toEqual({
      error: {
        message: `Generation '${entry.generationId}' not found`,
        type: 'invalid_request_error',
        param: 'id',
        code: 'generation_not_found',
      },
    });
    const unknown = await send(gateway, 'GET', '/generation?id=gen_nope', {
      headers: { 'x-test-principal': 'key_1' },
    });
    expect(unknown.status).toBe(404);
    const missing = await send(gateway, 'GET', '/generation', { headers: { 'x-test-principal': 'key_1' } });
    expect(missing.status).toBe(400);
    expect(jsonOf(missing)).toMatchObject({ error: { param: 'id', code: 'missing_parameter' } });
  });
});
