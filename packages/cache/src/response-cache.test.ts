import { createGateway, type GatewayContext, type GatewayMiddleware } from '@signalbox/core';
import { createMockProvider } from '@signalbox/provider-mock';
import { describe, expect, it } from 'vitest';
import type { CacheEntry } from './cache-entry.js';
import type { CacheStore } from './cache-store.js';
import { MemoryCacheStore } from './memory-cache-store.js';
import { responseCache } from './response-cache.js';
import type { ResponseCacheOptions } from './response-cache-options.js';
import { jsonOf, ManualClock, post, record, recordingLogger, user } from './test-support.js';

const CACHE = { 'x-signalbox-cache': 'true' };
const chat = (content: string, extra: Record<string, unknown> = {}) => ({
  model: 'mock/echo',
  messages: [{ role: 'user', content }],
  ...extra,
});
const message = (content: string, extra: Record<string, unknown> = {}) => ({
  model: 'mock/echo',
  max_tokens: 100,
  messages: [{ role: 'user', content }],
  ...extra,
});

/** A gateway with the cache and a spy that sees the context after the cache answered. */
function setup(options: ResponseCacheOptions = {}) {
  const mock = createMockProvider();
  const seen: GatewayContext[] = [];
  const spy: GatewayMiddleware = async (context, next) => {
    await next();
    seen.push(context);
  };
  const gateway = createGateway({ providers: [mock], use: [spy, responseCache(options)] });
  return { gateway, mock, seen };
}

describe('responseCache: plain responses', () => {
  it('does nothing for a request that did not opt in', async () => {
    const { gateway, mock } = setup();
    const first = await post(gateway, '/v1/chat/completions', chat('hello'));
    await post(gateway, '/v1/chat/completions', chat('hello'));
    expect(first.headers['x-signalbox-cache-status']).toBeUndefined();
    expect(mock.calls).toHaveLength(2);
  });

  it('stores a miss and answers the repeat from the cache with 0 tokens, new ids and the source id', async () => {
    const { gateway, mock, seen } = setup();
    const miss = await post(gateway, '/v1/chat/completions', chat('hello there'), { headers: CACHE });
    expect(miss.status).toBe(200);
    expect(miss.headers).toMatchObject({
      'x-signalbox-cache-status': 'MISS',
      'x-signalbox-cache-ttl': '300',
    });
    const hit = await post(gateway, '/v1/chat/completions', chat('hello there'), { headers: CACHE });
    expect(mock.calls).toHaveLength(1);
    expect(hit.headers).toMatchObject({
      'x-signalbox-cache-status': 'HIT',
      'x-signalbox-cache-age': '0',
      'x-signalbox-cache-ttl': '300',
      'x-signalbox-cache-source-id': miss.headers['x-signalbox-generation-id'],
    });
    expect(hit.headers['x-signalbox-generation-id']).not.toBe(miss.headers['x-signalbox-generation-id']);
    const missBody = jsonOf(miss);
    const hitBody = jsonOf(hit);
    expect(hitBody.id).not.toBe(missBody.id);
    expect(hitBody.choices).toMatchObject([
      { message: { content: 'echo: hello there' }, finish_reason: 'stop' },
    ]);
    expect(hitBody.usage).toEqual({
      prompt_tokens: 0,
      completion_tokens: 0,
      total_tokens: 0,
      prompt_tokens_details: { cached_tokens: 0, cache_write_tokens: 0 },
      completion_tokens_details: { reasoning_tokens: 0 },
    });
    const gatewayMetadata = record(
      record(record(record((hitBody.choices as unknown[])[0]).message).provider_metadata).gateway,
    );
    expect(gatewayMetadata).toEqual({
      generationId: hit.headers['x-signalbox-generation-id'],
      cache: {
        status: 'HIT',
        sourceGenerationId: miss.headers['x-signalbox-generation-id'],
        ageSeconds: 0,
        ttlSeconds: 300,
        coalesced: false,
        storedUsage: { inputTokens: 3, outputTokens: 3 },
      },
    });
    const context = seen[1] as GatewayContext;
    expect(context.cacheStatus).toBe('HIT');
    expect(context.usage?.inputTokens.total).toBe(0);
    expect(context.attempts).toEqual([]);
    expect(context.resolved).toEqual({ model: 'mock/echo', provider: 'mock', providerModelId: 'echo' });
    expect(context.state.cache).toMatchObject({ status: 'HIT', coalesced: false });
    expect(context.state.cache?.storedUsage?.outputTokens.total).toBe(3);
    expect(seen[0]?.cacheStatus).toBe('MISS');
  });

  it('answers Anthropic-format hits in their own shape', async () => {
    const { gateway, mock } = setup();
    await post(gateway, '/v1/messages', message('hi claude'), { headers: CACHE });
    const hit = await post(gateway, '/v1/messages', message('hi claude'), { headers: CACHE });
    expect(mock.calls).toHaveLength(1);
    const body = jsonOf(hit);
    expect(body).toMatchObject({
      type: 'message',
      content: [{ type: 'text', text: 'echo: hi claude' }],
      usage: {
        input_tokens: 0,
        output_tokens: 0,
        cache_creation_input_tokens: 0,
        cache_read_input_tokens: 0,
      },
    });
    expect(String(body.id)).toMatch(/^msg_/);
    expect(record(record(body.provider_metadata).gateway).cache).toMatchObject({ status: 'HIT' });
  });

  it('keys on the canonical request: key order and whitespace do not matter, content does', async () => {
    const { gateway, mock } = setup();
    await post(
      gateway,
      '/v1/chat/completions',
      '{"model":"mock/echo","messages":[{"role":"user","content":"a"}],"temperature":0}',
      {
        headers: CACHE,
      },
    );
    const reordered = await post(
      gateway,
      '/v1/chat/completions',
      '{ "temperature": 0,\n  "messages": [ { "content": "a", "role": "user" } ], "model": "mock/echo" }',
      { headers: CACHE },
    );
    expect(reordered.headers['x-signalbox-cache-status']).toBe('HIT');
    const changed = await post(gateway, '/v1/chat/completions', chat('a', { temperature: 0.5 }), {
      headers: CACHE,
    });
    expect(changed.headers['x-signalbox-cache-status']).toBe('MISS');
    const otherEndpoint = await post(gateway, '/v1/messages', message('a', { temperature: 0 }), {
      headers: CACHE,
    });
    expect(otherEndpoint.headers['x-signalbox-cache-status']).toBe('MISS');
    expect(mock.calls).toHaveLength(3);
  });

  it('never serves one principal the entries of another; project scope shares within a project', async () => {
    const { gateway } = setup();
    await post(gateway, '/v1/chat/completions', chat('secret'), {
      headers: CACHE,
      principal: user('alice', 'p1'),
    });
    const bob = await post(gateway, '/v1/chat/completions', chat('secret'), {
      headers: CACHE,
      principal: user('bob', 'p1'),
    });
    expect(bob.headers['x-signalbox-cache-status']).toBe('MISS');

    const shared = setup({ scope: 'project' });
    await post(shared.gateway, '/v1/chat/completions', chat('team'), {
      headers: CACHE,
      principal: user('alice', 'p1'),
    });
    const teammate = await post(shared.gateway, '/v1/chat/completions', chat('team'), {
      headers: CACHE,
      principal: user('bob', 'p1'),
    });
    const outsider = await post(shared.gateway, '/v1/chat/completions', chat('team'), {
      headers: CACHE,
      principal: user('eve', 'p2'),
    });
    expect(teammate.headers['x-signalbox-cache-status']).toBe('HIT');
    expect(outsider.headers['x-signalbox-cache-status']).toBe('MISS');
  });

  it.each(['0', '86401', 'abc', '1.5', '-3', ''])(
    'rejects the TTL header %j with a 400 naming it',
    async (value) => {
      const { gateway, mock } = setup();
      const response = await post(gateway, '/v1/chat/completions', chat('x'), {
        headers: { ...CACHE, 'x-signalbox-cache-ttl': value },
      });
      expect(response.status).toBe(400);
      expect(jsonOf(response).error).toMatchObject({
        param: 'x-signalbox-cache-ttl',
        code: 'invalid_header',
      });
      expect(String(record(jsonOf(response).error).message)).toContain('x-signalbox-cache-ttl');
      expect(mock.calls).toHaveLength(0);
    },
  );

  it('rejects a cache header that is not a boolean, in the endpoint shape', async () => {
    const { gateway } = setup();
    const response = await post(gateway, '/v1/messages', message('x'), {
      headers: { 'x-signalbox-cache': 'maybe' },
    });
    expect(response.status).toBe(400);
    expect(jsonOf(response)).toMatchObject({ type: 'error', error: { type: 'invalid_request_error' } });
    expect(String(record(jsonOf(response).error).message)).toContain('x-signalbox-cache');
  });

  it('honours the TTL header: the entry expires, the hit reports the seconds left', async () => {
    const clock = new ManualClock();
    const { gateway, mock } = setup({ clock });
    const headers = { ...CACHE, 'x-signalbox-cache-ttl': '10' };
    const miss = await post(gateway, '/v1/chat/completions', chat('ttl'), { headers });
    expect(miss.headers['x-signalbox-cache-ttl']).toBe('10');
    clock.advance(4_000);
    const hit = await post(gateway, '/v1/chat/completions', chat('ttl'), { headers });
    expect(hit.headers).toMatchObject({
      'x-signalbox-cache-status': 'HIT',
      'x-signalbox-cache-age': '4',
      'x-signalbox-cache-ttl': '6',
    });
    clock.advance(6_000);
    const expired = await post(gateway, '/v1/chat/completions', chat('ttl'), { headers });
    expect(expired.headers['x-signalbox-cache-status']).toBe('MISS');
    expect(mock.calls).toHaveLength(2);
  });

  it('the clear header drops the entry and fetches again; the next request hits the new one', async () => {
    const { gateway, mock } = setup();
    await post(gateway, '/v1/chat/completions', chat('fresh'), { headers: CACHE });
    const cleared = await post(gateway, '/v1/chat/completions', chat('fresh'), {
      headers: { ...CACHE, 'x-signalbox-cache-clear': 'true' },
    });
    expect(cleared.headers['x-signalbox-cache-status']).toBe('MISS');
    expect(mock.calls).toHaveLength(2);
    const hit = await post(gateway, '/v1/chat/completions', chat('fresh'), { headers: CACHE });
    expect(hit.headers['x-signalbox-cache-source-id']).toBe(cleared.headers['x-signalbox-generation-id']);
  });

  it('enabledByDefault: on for the listed endpoints, and a request can opt out (BYPASS)', async () => {
    const { gateway, mock, seen } = setup({ enabledByDefault: ['chat.completions'] });
    await post(gateway, '/v1/chat/completions', chat('auto'));
    const hit = await post(gateway, '/v1/chat/completions', chat('auto'));
    expect(hit.headers['x-signalbox-cache-status']).toBe('HIT');
    const bypass = await post(gateway, '/v1/chat/completions', chat('auto'), {
      headers: { 'x-signalbox-cache': 'false' },
    });
    expect(bypass.headers['x-signalbox-cache-status']).toBe('BYPASS');
    expect(seen.at(-1)?.cacheStatus).toBe('BYPASS');
    const messages = await post(gateway, '/v1/messages', message('auto'));
    expect(messages.headers['x-signalbox-cache-status']).toBeUndefined();
    expect(mock.calls).toHaveLength(3);
  });

  it('openrouter: accepts X-OpenRouter-Cache headers and answers with both header names', async () => {
    const { gateway } = setup({ openrouter: true });
    const headers = { 'x-openrouter-cache': 'true', 'x-openrouter-cache-ttl': '60' };
    await post(gateway, '/v1/chat/completions', chat('or'), { headers });
    const hit = await post(gateway, '/v1/chat/completions', chat('or'), { headers });
    expect(hit.headers).toMatchObject({
      'x-openrouter-cache-status': 'HIT',
      'x-signalbox-cache-status': 'HIT',
      'x-openrouter-cache-ttl': '60',
      'x-openrouter-cache-age': '0',
    });
    const bad = await post(gateway, '/v1/chat/completions', chat('or'), {
      headers: { 'x-openrouter-cache-ttl': '0' },
    });
    expect(bad.status).toBe(400);
    expect(record(jsonOf(bad).error).param).toBe('x-openrouter-cache-ttl');
  });

  it('stores only successes: an upstream error is not cached', async () => {
    const { gateway, mock } = setup();
    const body = { model: 'mock/echo:flaky-503-1', messages: [{ role: 'user', content: 'x' }] };
    const failed = await post(gateway, '/v1/chat/completions', body, { headers: CACHE });
    expect(failed.status).toBe(503);
    const retried = await post(gateway, '/v1/chat/completions', body, { headers: CACHE });
    expect(retried.status).toBe(200);
    expect(retried.headers['x-signalbox-cache-status']).toBe('MISS');
    expect(mock.calls).toHaveLength(2);
  });

  it('does not store a response over maxEntryBytes (but serves it)', async () => {
    const { gateway, mock } = setup({ maxEntryBytes: 100 });
    const first = await post(gateway, '/v1/chat/completions', chat('a long enough answer'), {
      headers: CACHE,
    });
    expect(jsonOf(first).choices).toBeDefined();
    const second = await post(gateway, '/v1/chat/completions', chat('a long enough answer'), {
      headers: CACHE,
    });
    expect(second.headers['x-signalbox-cache-status']).toBe('MISS');
    expect(mock.calls).toHaveLength(2);
  });

  it('a store that fails is a miss with a throttled warning, never a failed request', async () => {
    const broken: CacheStore = {
      get: async () => {
        throw new Error('connection refused');
      },
      set: async () => {
        throw new Error('connection refused');
      },
      delete: async () => {},
    };
    const logger = recordingLogger();
    const clock = new ManualClock();
    const { gateway, mock } = setup({ store: broken, logger, clock, warnIntervalMs: 60_000 });
    for (let round = 0; round < 3; round += 1) {
      const response = await post(gateway, '/v1/chat/completions', chat('down'), { headers: CACHE });
      expect(response.status).toBe(200);
      expect(response.headers['x-signalbox-cache-status']).toBe('MISS');
    }
    expect(mock.calls).toHaveLength(3);
    expect(logger.warnings).toHaveLength(1);
    expect(logger.warnings[0]).toContain('store get failed');
    clock.advance(60_000);
    await post(gateway, '/v1/chat/completions', chat('down'), { headers: CACHE });
    expect(logger.warnings).toHaveLength(2);
  });

  it('a store that hangs times out into a miss', async () => {
    const hanging: CacheStore = {
      get: () => new Promise<CacheEntry | undefined>(() => {}),
      set: () => new Promise<void>(() => {}),
      delete: async () => {},
    };
    const { gateway } = setup({ store: hanging, storeTimeoutMs: 20, logger: recordingLogger() });
    const response = await post(gateway, '/v1/chat/completions', chat('slow'), { headers: CACHE });
    expect(response.status).toBe(200);
    expect(response.headers['x-signalbox-cache-status']).toBe('MISS');
  });

  it('shares one store between gateways (the memory store here; Redis in its own test)', async () => {
    const store = new MemoryCacheStore();
    const one = setup({ store });
    const two = setup({ store });
    await post(one.gateway, '/v1/chat/completions', chat('shared'), { headers: CACHE });
    const hit = await post(two.gateway, '/v1/chat/completions', chat('shared'), { headers: CACHE });
    expect(hit.headers['x-signalbox-cache-status']).toBe('HIT');
    expect(two.mock.calls).toHaveLength(0);
    expect(store.size).toBe(1);
  });

  it('rejects bad options at construction with a TypeError naming the option', () => {
    expect(() => responseCache({ ttlSeconds: 0 })).toThrow(/ttlSeconds/);
    expect(() => responseCache({ ttlSeconds: 86_401 })).toThrow(/ttlSeconds/);
    expect(() => responseCache({ headerPrefixes: ['X-Bad'] })).toThrow(/headerPrefixes/);
    expect(() => responseCache({ store: {} as CacheStore })).toThrow(/store/);
    expect(() => responseCache({ ttl: 5 } as unknown as ResponseCacheOptions)).toThrow(/ttl/);
  });
});
