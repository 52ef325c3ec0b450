import {
  createGateway,
  defineMiddleware,
  type GatewayContext,
  type GatewayMiddleware,
} from '@signalbox/core';
import { createMockProvider } from '@signalbox/provider-mock';
import { testServerUrl } from '@signalbox/testing';
import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { auth } from './auth.js';
import { createKeyManager } from './key-manager.js';
import { MemoryKeyStore } from './memory-key-store.js';
import { MemoryRateLimitStore } from './memory-rate-limit-store.js';
import type { RateLimitStore } from './rate-limit-store.js';
import { RateLimitStoreError } from './rate-limiter.js';
import { rateLimits, type RateLimitsOptions } from './rate-limits.js';
import { RedisRateLimitStore } from './redis-rate-limit-store.js';
import { httpRequest, jsonOf, textOf } from './test-support.js';

function setup(options: RateLimitsOptions = {}, extra: GatewayMiddleware[] = []) {
  const store = new MemoryKeyStore();
  const manager = createKeyManager({ store });
  const gateway = createGateway({
    providers: [createMockProvider()],
    use: [auth({ store, cacheTtlMs: 0 }), rateLimits(options), ...extra],
  });
  return { manager, gateway };
}

const body = (content: string, extra: Record<string, unknown> = {}) => ({
  body: { model: 'mock/echo', max_tokens: 10, messages: [{ role: 'user', content }], ...extra },
});

describe('rateLimits', () => {
  it('sends the x-ratelimit headers on every response, both endpoints, streams included', async () => {
    const { manager, gateway } = setup();
    const { key } = await manager.createKey({ limits: { requestsPerMinute: 10, tokensPerMinute: 10_000 } });
    const openai = await gateway.handle(
      httpRequest('/chat/completions', { authorization: `Bearer ${key}` }, body('hi')),
    );
    expect(openai.headers).toMatchObject({
      'x-ratelimit-limit-requests': '10',
      'x-ratelimit-remaining-requests': '9',
      'x-ratelimit-reset-requests': expect.stringMatching(/s$/),
      'x-ratelimit-limit-tokens': '10000',
      'x-ratelimit-remaining-tokens': expect.stringMatching(/^\d+$/),
      'x-ratelimit-reset-tokens': expect.stringMatching(/s$/),
    });
    const stream = await gateway.handle(
      httpRequest('/messages', { 'x-api-key': key }, body('hi there', { stream: true })),
    );
    expect(stream.body.type).toBe('sse');
    expect(stream.headers['x-ratelimit-remaining-requests']).toBe('8');
    await textOf(stream);
  });

  it('answers 429 with retry-after in each endpoint shape once over the rpm limit', async () => {
    const { manager, gateway } = setup();
    const { key } = await manager.createKey({ limits: { requestsPerMinute: 2 } });
    const send = (path: string) =>
      gateway.handle(httpRequest(path, { authorization: `Bearer ${key}` }, body('x')));
    expect((await send('/chat/completions')).status).toBe(200);
    expect((await send('/messages')).status).toBe(200);
    const openai = await send('/chat/completions');
    expect(openai.status).toBe(429);
    expect(Number(openai.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    expect(openai.headers['x-ratelimit-remaining-requests']).toBe('0');
    expect(jsonOf(openai)).toMatchObject({
      error: {
        type: 'rate_limit_error',
        code: 'rate_limit_exceeded',
        message: expect.stringContaining('Limit 2'),
      },
    });
    const anthropic = await send('/messages');
    expect(anthropic.status).toBe(429);
    expect(anthropic.headers['retry-after']).toBeDefined();
    expect(jsonOf(anthropic)).toMatchObject({ type: 'error', error: { type: 'rate_limit_error' } });
  });

  it('reserves tokens from the estimate and settles them to the usage', async () => {
    const { manager, gateway } = setup();
    const { key } = await manager.createKey({ limits: { tokensPerMinute: 1000 } });
    const headers = { authorization: `Bearer ${key}` };
    const first = await gateway.handle(
      httpRequest('/chat/completions', headers, body('a b c', { max_tokens: 400 })),
    );
    const reservedLeft = Number(first.headers['x-ratelimit-remaining-tokens']);
    expect(reservedLeft).toBeLessThanOrEqual(600);
    const usage = jsonOf(first).usage as { total_tokens: number };
    const second = await gateway.handle(
      httpRequest('/chat/completions', headers, body('a', { max_tokens: 1 })),
    );
    const secondEstimate = 1 + Math.ceil((1 + 4) / 4);
    expect(Number(second.headers['x-ratelimit-remaining-tokens'])).toBe(
      1000 - usage.total_tokens - secondEstimate,
    );
    const tooLarge = await gateway.handle(
      httpRequest('/chat/completions', headers, body('a', { max_tokens: 5000 })),
    );
    expect(tooLarge.status).toBe(429);
    expect(jsonOf(tooLarge)).toMatchObject({
      error: { message: expect.stringContaining('Request too large') },
    });
  });

  it('gives back the tokens of a failed call and counts cache hits as 0 tokens', async () => {
    const hit = defineMiddleware('fake-cache', async (context: GatewayContext, next) => {
      await next();
      if (context.request.model.endsWith('cached')) context.cacheStatus = 'HIT';
    });
    const { manager, gateway } = setup({}, [hit]);
    const { key } = await manager.createKey({ limits: { tokensPerMinute: 1000 } });
    const headers = { authorization: `Bearer ${key}` };
    const failed = await gateway.handle(
      httpRequest('/chat/completions', headers, {
        body: { model: 'mock/echo:status-500', max_tokens: 100, messages: [{ role: 'user', content: 'x' }] },
      }),
    );
    expect(failed.status).toBe(500);
    const cached = await gateway.handle(
      httpRequest('/chat/completions', headers, {
        body: { model: 'mock/cached', max_tokens: 100, messages: [{ role: 'user', content: 'x' }] },
      }),
    );
    expect(cached.status).toBe(200);
    const probe = await gateway.handle(
      httpRequest('/chat/completions', headers, body('', { max_tokens: 1 })),
    );
    expect(Number(probe.headers['x-ratelimit-remaining-tokens'])).toBe(1000 - 2);
  });

  it("limits the host app's principal by its id, each user separately", async () => {
    const { gateway } = setup({
      principalLimits: (principal) => (principal.kind === 'user' ? { requestsPerMinute: 1 } : undefined),
    });
    const as = (id: string) =>
      gateway.handle(httpRequest('/chat/completions', {}, { ...body('x'), principal: { id, kind: 'user' } }));
    expect((await as('alice')).status).toBe(200);
    const refused = await as('alice');
    expect(refused.status).toBe(429);
    expect(jsonOf(refused)).toMatchObject({ error: { message: expect.stringContaining('user alice') } });
    expect((await as('bob')).status).toBe(200);
  });

  it('shares a project limit between the keys of the project', async () => {
    const { manager, gateway } = setup();
    await manager.createProject({ id: 'team', limits: { requestsPerMinute: 3 } });
    const one = await manager.createKey({ projectId: 'team' });
    const two = await manager.createKey({ projectId: 'team', limits: { requestsPerMinute: 100 } });
    const send = (key: string) =>
      gateway.handle(httpRequest('/chat/completions', { 'x-api-key': key }, body('x')));
    const statuses = [];
    for (const key of [one.key, two.key, one.key, two.key]) statuses.push((await send(key)).status);
    expect(statuses).toEqual([200, 200, 200, 429]);
    const refused = await send(two.key);
    expect(jsonOf(refused)).toMatchObject({ error: { message: expect.stringContaining('project team') } });
  });

  it('applies defaults, and sends no headers to a principal without limits', async () => {
    const { manager, gateway } = setup();
    const { key } = await manager.createKey({});
    const free = await gateway.handle(httpRequest('/chat/completions', { 'x-api-key': key }, body('x')));
    expect(free.headers['x-ratelimit-limit-requests']).toBeUndefined();
    const limited = setup({ defaults: { requestsPerMinute: 5 } });
    const created = await limited.manager.createKey({});
    const response = await limited.gateway.handle(
      httpRequest('/chat/completions', { 'x-api-key': created.key }, body('x')),
    );
    expect(response.headers['x-ratelimit-limit-requests']).toBe('5');
  });

  it('fails open (default, one warning) or closed (503) when the store is down', async () => {
    const down: RateLimitStore = {
      increment: () => Promise.reject(new Error('connect ECONNREFUSED 127.0.0.1:1')),
      decrement: () => undefined,
      resetKey: () => undefined,
    };
    const warnings: string[] = [];
    const logger = { warn: (message: string) => warnings.push(message) };
    const open = setup({ store: down, logger, defaults: { requestsPerMinute: 1 } });
    const { key } = await open.manager.createKey({});
    for (let index = 0; index < 3; index += 1) {
      const response = await open.gateway.handle(
        httpRequest('/chat/completions', { 'x-api-key': key }, body('x')),
      );
      expect(response.status).toBe(200);
    }
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain('ECONNREFUSED');
    const closed = setup({ store: down, logger, onStoreError: 'deny', defaults: { requestsPerMinute: 1 } });
    const created = await closed.manager.createKey({});
    const refused = await closed.gateway.handle(
      httpRequest('/messages', { 'x-api-key': created.key }, body('x')),
    );
    expect(refused.status).toBe(503);
    expect(jsonOf(refused)).toMatchObject({ type: 'error', error: { type: 'overloaded_error' } });
  });

  it('sends the same headers with a synchronous store as with one that answers with promises', async () => {
    const behind = new MemoryRateLimitStore();
    const promised: RateLimitStore = {
      increment: async (...args) => behind.increment(...args),
      decrement: async (...args) => behind.decrement(...args),
      resetKey: async (key) => behind.resetKey(key),
    };
    const sync = setup();
    const later = setup({ store: promised });
    const limits = { requestsPerMinute: 3, tokensPerMinute: 1000 };
    const keys = [
      (await sync.manager.createKey({ limits })).key,
      (await later.manager.createKey({ limits })).key,
    ];
    const names = (headers: Record<string, string>) =>
      Object.keys(headers).filter((name) => name.startsWith('x-ratelimit'));
    for (let index = 0; index < 4; index += 1) {
      const [one, two] = await Promise.all(
        [sync.gateway, later.gateway].map((gateway, which) =>
          gateway.handle(httpRequest('/chat/completions', { 'x-api-key': keys[which] ?? '' }, body('hello'))),
        ),
      );
      expect(two?.status).toBe(one?.status);
      expect(names(two?.headers ?? {})).toEqual(names(one?.headers ?? {}));
      for (const name of [
        'x-ratelimit-limit-requests',
        'x-ratelimit-remaining-requests',
        'x-ratelimit-remaining-tokens',
      ]) {
        expect(two?.headers[name]).toBe(one?.headers[name]);
      }
    }
    behind.shutdown();
  });

  it('fails open on a RateLimitStoreError thrown at once, and answers 500 for other throws', async () => {
    const warnings: string[] = [];
    const logger = { warn: (message: string) => warnings.push(message) };
    const throwing = (error: Error): RateLimitStore => ({
      increment: () => {
        throw error;
      },
      decrement: () => undefined,
      resetKey: () => undefined,
    });
    const open = setup({
      store: throwing(new RateLimitStoreError('down')),
      logger,
      defaults: { requestsPerMinute: 1 },
    });
    const { key } = await open.manager.createKey({});
    const through = await open.gateway.handle(
      httpRequest('/chat/completions', { 'x-api-key': key }, body('x')),
    );
    expect(through.status).toBe(200);
    expect(through.headers['x-ratelimit-limit-requests']).toBeUndefined();
    expect(warnings).toEqual([expect.stringContaining('(down)')]);
    const broken = setup({
      store: throwing(new RangeError('bad window')),
      defaults: { requestsPerMinute: 1 },
    });
    const other = await broken.manager.createKey({});
    const failed = await broken.gateway.handle(
      httpRequest('/chat/completions', { 'x-api-key': other.key }, body('x')),
    );
    expect(failed.status).toBe(500);
  });

  it('validates its options', () => {
    expect(() => rateLimits({ defaults: { requestsPerMinute: 0 } })).toThrow(/defaults.requestsPerMinute/);
    expect(() => rateLimits({ onStoreError: 'maybe' as never })).toThrow(TypeError);
    expect(() => rateLimits({ rpm: 5 } as never)).toThrow(/rpm/);
  });
});

describe('rateLimits on Redis: two gateways, one limit (real redis-server)', () => {
  const prefix = `test:auth-limits:${process.pid}:${Date.now()}:`;
  const clients = [new Redis(testServerUrl('redis')), new Redis(testServerUrl('redis'))];
  afterAll(async () => {
    const keys = await clients[0]?.keys(`${prefix}*`);
    if (keys?.length) await clients[0]?.del(...keys);
    await Promise.all(clients.map((client) => client.quit()));
  });

  it('lets exactly the limit through when both gateways are hit at once', async () => {
    const keyStore = new MemoryKeyStore(); // the keys are shared too (Postgres in production)
    const manager = createKeyManager({ store: keyStore });
    const { key } = await manager.createKey({ limits: { requestsPerMinute: 7 } });
    const gateways = clients.map((client) =>
      createGateway({
        providers: [createMockProvider()],
        use: [
          auth({ store: keyStore }),
          rateLimits({
            store: new RedisRateLimitStore({
              sendCommand: (...args) => client.call(args[0] ?? '', ...args.slice(1)),
              prefix,
            }),
          }),
        ],
      }),
    );
    const responses = await Promise.all(
      Array.from({ length: 20 }, (_, index) =>
        gateways[index % 2]?.handle(
          httpRequest('/chat/completions', { authorization: `Bearer ${key}` }, body('x')),
        ),
      ),
    );
    const statuses = responses.map((response) => response?.status);
    expect(statuses.filter((status) => status === 200)).toHaveLength(7);
    expect(statuses.filter((status) => status === 429)).toHaveLength(13);
  });
});
