import { testServerUrl } from '@signalbox/testing';
import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { MemoryAffinityStore, RedisAffinityStore } from './affinity-store.js';
import { ManualClock } from './test-support.js';

describe('MemoryAffinityStore', () => {
  it('remembers a provider per prefix until its TTL ends', async () => {
    const clock = new ManualClock();
    const store = new MemoryAffinityStore({ clock });
    await store.set('prefix', 'anthropic-b', 1000);
    expect(await store.get('prefix')).toBe('anthropic-b');
    clock.advance(1001);
    expect(await store.get('prefix')).toBeUndefined();
    await store.shutdown();
  });
});

describe('RedisAffinityStore (real Redis)', () => {
  const redis = new Redis(testServerUrl('redis'), { maxRetriesPerRequest: 1 });
  const prefix = `test:affinity:${process.pid}:${Date.now()}:`;
  afterAll(async () => {
    const keys = (await redis.keys(`${prefix}*`)) as string[];
    if (keys.length > 0) await redis.del(...keys);
    redis.disconnect();
  });

  it('shares affinities through Redis with a PX expiry', async () => {
    const sendCommand = (...args: string[]) => redis.call(args[0] as string, ...args.slice(1));
    const one = new RedisAffinityStore({ sendCommand, prefix });
    const two = new RedisAffinityStore({ sendCommand, prefix });
    await one.set('p', 'anthropic-a', 60_000);
    expect(await two.get('p')).toBe('anthropic-a');
    expect(Number(await redis.pttl(`${prefix}p`))).toBeGreaterThan(59_000);
    expect(await two.get('unknown')).toBeUndefined();
    expect(() => new RedisAffinityStore({} as never)).toThrow(/sendCommand/);
  });
});
