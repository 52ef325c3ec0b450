import { testServerUrl } from '@signalbox/testing';
import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import type { CacheEntry } from './cache-entry.js';
import { RedisCacheStore } from './redis-cache-store.js';

const redis = new Redis(testServerUrl('redis'), { lazyConnect: false, maxRetriesPerRequest: 1 });
const prefix = `test:cache-store:${process.pid}:${Date.now()}:`;
const sendCommand = (...args: string[]) => redis.call(args[0] as string, ...args.slice(1));

const entry: CacheEntry = {
  version: 1,
  kind: 'result',
  result: {
    content: [{ type: 'text', text: 'héllo' }],
    finishReason: { unified: 'stop', raw: 'stop' },
    usage: {
      inputTokens: { total: 1, noCache: 1, cacheRead: undefined, cacheWrite: undefined },
      outputTokens: { total: 1, text: 1, reasoning: undefined },
    },
    warnings: [],
    response: {},
  },
  generationId: 'gen_redis',
  createdAt: 1,
  expiresAt: 2,
  bytes: 100,
};

afterAll(async () => {
  const keys = (await redis.keys(`${prefix}*`)) as string[];
  if (keys.length > 0) await redis.del(...keys);
  redis.disconnect();
});

describe('RedisCacheStore (real Redis)', () => {
  const store = new RedisCacheStore({ sendCommand, prefix });

  it('round-trips an entry as JSON under the prefix, with a PX expiry', async () => {
    await store.set('k1', entry, 60_000);
    expect(await store.get('k1')).toEqual(JSON.parse(JSON.stringify(entry)));
    const ttl = Number(await redis.pttl(`${prefix}k1`));
    expect(ttl).toBeGreaterThan(59_000);
    expect(ttl).toBeLessThanOrEqual(60_000);
  });

  it('expires entries, deletes them, and misses on unknown keys', async () => {
    await store.set('short', entry, 30);
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect(await store.get('short')).toBeUndefined();
    await store.set('gone', entry, 60_000);
    await store.delete('gone');
    expect(await store.get('gone')).toBeUndefined();
    expect(await store.get('never')).toBeUndefined();
  });

  it('treats a value that is not an entry as absent', async () => {
    await redis.set(`${prefix}corrupt`, '{not json');
    await redis.set(`${prefix}foreign`, '{"version":9}');
    expect(await store.get('corrupt')).toBeUndefined();
    expect(await store.get('foreign')).toBeUndefined();
  });

  it('reads Buffer replies too (clients that return bytes)', async () => {
    await store.set('bytes', entry, 60_000);
    const bufferStore = new RedisCacheStore({
      prefix,
      sendCommand: async (...args) => redis.callBuffer(args[0] as string, ...args.slice(1)),
    });
    expect((await bufferStore.get('bytes'))?.generationId).toBe('gen_redis');
  });

  it('needs sendCommand', () => {
    expect(() => new RedisCacheStore({} as never)).toThrow(/sendCommand/);
  });
});
