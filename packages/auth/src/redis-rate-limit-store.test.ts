import { testServerUrl } from '@signalbox/testing';
import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { RedisRateLimitStore } from './redis-rate-limit-store.js';
import { runRateLimitStoreContract } from './rate-limit-store-test-kit.js';

describe('RedisRateLimitStore (real redis-server)', () => {
  const prefix = `test:auth:${process.pid}:${Date.now()}:`;
  const first = new Redis(testServerUrl('redis'));
  const second = new Redis(testServerUrl('redis'));
  const send =
    (client: Redis) =>
    (...args: string[]) =>
      client.call(args[0] ?? '', ...args.slice(1));
  const store = new RedisRateLimitStore({ sendCommand: send(first), prefix });
  const other = new RedisRateLimitStore({
    sendCommand: send(second),
    prefix,
    onShutdown: () => second.quit(),
  });

  afterAll(async () => {
    const keys = await first.keys(`${prefix}*`);
    if (keys.length > 0) await first.del(...keys);
    await first.quit();
    await other.shutdown();
  });

  runRateLimitStoreContract(
    () => store,
    (name) => name,
  );

  it('shares counters between clients, atomically under concurrency', async () => {
    const results = await Promise.all(
      Array.from({ length: 40 }, (_, index) => (index % 2 ? store : other).increment('shared', 1, 60_000)),
    );
    expect(results.map((result) => result.total).sort((a, b) => a - b)).toEqual(
      Array.from({ length: 40 }, (_, index) => index + 1),
    );
  });

  it('loads the script again when Redis answers NOSCRIPT (after a restart or SCRIPT FLUSH)', async () => {
    const commands: string[] = [];
    let forgotten = false;
    const forgetful = new RedisRateLimitStore({
      prefix,
      sendCommand: async (...args) => {
        commands.push(args[0] ?? '');
        if (args[0] === 'EVALSHA' && forgotten) {
          forgotten = false; // as if the server had lost its scripts once (not flushed: other suites share it)
          throw new Error('NOSCRIPT No matching script. Please use EVAL.');
        }
        return send(first)(...args);
      },
    });
    await forgetful.increment('noscript', 1, 60_000);
    await forgetful.increment('noscript', 1, 60_000);
    expect(commands).toEqual(['SCRIPT', 'EVALSHA', 'EVALSHA']); // loaded once
    forgotten = true;
    expect((await forgetful.increment('noscript', 1, 60_000)).total).toBe(3);
    expect(commands.slice(3)).toEqual(['EVALSHA', 'SCRIPT', 'EVALSHA']);
  });

  it('rejects when Redis is unreachable', async () => {
    const down = new RedisRateLimitStore({
      sendCommand: async () => {
        throw new Error('connect ECONNREFUSED');
      },
    });
    await expect(down.increment('x', 1, 1000)).rejects.toThrow(/ECONNREFUSED/);
  });
});
