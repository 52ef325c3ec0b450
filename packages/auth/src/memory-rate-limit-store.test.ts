import { afterAll, describe, expect, it } from 'vitest';
import { MemoryRateLimitStore } from './memory-rate-limit-store.js';
import { runRateLimitStoreContract } from './rate-limit-store-test-kit.js';

describe('MemoryRateLimitStore', () => {
  const store = new MemoryRateLimitStore();
  afterAll(() => store.shutdown());
  runRateLimitStoreContract(
    () => store,
    (name) => name,
  );

  it('drops counters untouched for a whole window when the maps swap', () => {
    let now = 0;
    const swapping = new MemoryRateLimitStore({ windowMs: 1000, clock: { now: () => now } });
    swapping.increment('a', 1, 1000);
    swapping.swap();
    now = 500;
    expect(swapping.increment('a', 1, 1000).total).toBe(2); // moved back from the previous map
    swapping.swap();
    swapping.swap();
    now = 600;
    expect(swapping.increment('a', 1, 1000).total).toBe(1);
    swapping.shutdown();
  });

  it('refuses windows longer than its own', () => {
    const short = new MemoryRateLimitStore({ windowMs: 1000 });
    expect(() => short.increment('a', 1, 60_000)).toThrow(RangeError);
    short.shutdown();
  });
});
