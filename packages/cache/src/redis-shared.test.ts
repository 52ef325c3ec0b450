import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { createGateway } from '@signalbox/core';
import { createMockProvider } from '@signalbox/provider-mock';
import { testServerUrl } from '@signalbox/testing';
import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { RedisCacheStore } from './redis-cache-store.js';
import { responseCache } from './response-cache.js';
import { framesOf, jsonOf, post, recordingLogger, streamedText } from './test-support.js';

const url = testServerUrl('redis');
const prefix = `test:cache-shared:${process.pid}:${Date.now()}:`;
const clients: Redis[] = [];
const CACHE = { 'x-signalbox-cache': 'true' };

/** One gateway "process": its own Redis connection, its own provider, the shared prefix. */
function gatewayProcess() {
  const redis = new Redis(url, { maxRetriesPerRequest: 1 });
  clients.push(redis);
  const store = new RedisCacheStore({
    sendCommand: (...args) => redis.call(args[0] as string, ...args.slice(1)),
    prefix,
  });
  const mock = createMockProvider();
  return { gateway: createGateway({ providers: [mock], use: [responseCache({ store })] }), mock };
}

afterAll(async () => {
  const redis = clients[0];
  if (redis) {
    const keys = (await redis.keys(`${prefix}*`)) as string[];
    if (keys.length > 0) await redis.del(...keys);
  }
  for (const client of clients) client.disconnect();
});

describe('responseCache on a shared Redis store', () => {
  it('two gateways share entries: a miss on one is a hit on the other (plain and streamed)', async () => {
    const one = gatewayProcess();
    const two = gatewayProcess();
    const body = { model: 'mock/echo', messages: [{ role: 'user', content: 'across processes' }] };
    const miss = await post(one.gateway, '/v1/chat/completions', body, { headers: CACHE });
    expect(miss.headers['x-signalbox-cache-status']).toBe('MISS');
    const hit = await post(two.gateway, '/v1/chat/completions', body, { headers: CACHE });
    expect(hit.headers['x-signalbox-cache-status']).toBe('HIT');
    expect(hit.headers['x-signalbox-cache-source-id']).toBe(miss.headers['x-signalbox-generation-id']);
    expect(jsonOf(hit).choices).toMatchObject([{ message: { content: 'echo: across processes' } }]);
    expect([one.mock.calls.length, two.mock.calls.length]).toEqual([1, 0]);

    const streamed = { ...body, stream: true };
    const streamMiss = await post(two.gateway, '/v1/chat/completions', streamed, { headers: CACHE });
    expect(streamMiss.headers['x-signalbox-cache-status']).toBe('MISS');
    expect(streamedText(await framesOf(streamMiss))).toBe('echo: across processes');
    const streamHit = await post(one.gateway, '/v1/chat/completions', streamed, { headers: CACHE });
    expect(streamHit.headers['x-signalbox-cache-status']).toBe('HIT');
    expect(streamedText(await framesOf(streamHit))).toBe('echo: across processes');
    expect([one.mock.calls.length, two.mock.calls.length]).toEqual([1, 1]);
  });

  it('a separate OS process shares the same Redis cache', async () => {
    const run = promisify(execFile);
    const tsx = fileURLToPath(new URL('../../../node_modules/.bin/tsx', import.meta.url));
    const script = fileURLToPath(new URL('./__fixtures__/redis-gateway-process.ts', import.meta.url));
    const content = `child ${Date.now()}`;
    const child = async () =>
      JSON.parse((await run(tsx, [script, url, prefix, content], { timeout: 20_000 })).stdout);
    expect(await child()).toEqual({ status: 'MISS', calls: 1, text: `echo: ${content}` });
    const here = gatewayProcess();
    const hit = await post(
      here.gateway,
      '/v1/chat/completions',
      { model: 'mock/echo', messages: [{ role: 'user', content }] },
      { headers: CACHE },
    );
    expect(hit.headers['x-signalbox-cache-status']).toBe('HIT');
    expect(here.mock.calls).toHaveLength(0);
    expect(await child()).toEqual({ status: 'HIT', calls: 0, text: `echo: ${content}` });
  }, 30_000);

  it('a Redis server that is down degrades to MISS with a warning, never a failed request', async () => {
    const down = new Redis('redis://127.0.0.1:1', {
      lazyConnect: true,
      maxRetriesPerRequest: 0,
      enableOfflineQueue: false,
      retryStrategy: () => null,
    });
    down.on('error', () => {});
    clients.push(down);
    const logger = recordingLogger();
    const store = new RedisCacheStore({
      sendCommand: (...args) => down.call(args[0] as string, ...args.slice(1)),
    });
    const mock = createMockProvider();
    const gateway = createGateway({
      providers: [mock],
      use: [responseCache({ store, logger, storeTimeoutMs: 200 })],
    });
    for (let round = 0; round < 2; round += 1) {
      const response = await post(
        gateway,
        '/v1/chat/completions',
        { model: 'mock/echo', messages: [{ role: 'user', content: 'down' }] },
        { headers: CACHE },
      );
      expect(response.status).toBe(200);
      expect(response.headers['x-signalbox-cache-status']).toBe('MISS');
    }
    expect(mock.calls).toHaveLength(2);
    expect(logger.warnings).toHaveLength(1);
  });
});
