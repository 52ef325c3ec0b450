import { expect, it } from 'vitest';
import type { RateLimitStore } from './rate-limit-store.js';

/** The behaviour every `RateLimitStore` must have; `key(name)` makes a key unique to the run. */
export function runRateLimitStoreContract(store: () => RateLimitStore, key: (name: string) => string): void {
  it('counts within a window and reports the time left', async () => {
    const name = key('count');
    expect(await store().increment(name, 1, 60_000)).toMatchObject({ total: 1 });
    const second = await store().increment(name, 5, 60_000);
    expect(second.total).toBe(6);
    expect(second.resetInMs).toBeGreaterThan(58_000);
    expect(second.resetInMs).toBeLessThanOrEqual(60_000);
  });

  it('takes counts back, never below 0, and ignores a key that has no window', async () => {
    const name = key('decrement');
    await store().increment(name, 3, 60_000);
    await store().decrement(name, 2);
    expect((await store().increment(name, 0, 60_000)).total).toBe(1);
    await store().decrement(name, 10);
    expect((await store().increment(name, 0, 60_000)).total).toBe(0);
    await store().decrement(key('never-seen'), 5);
    expect((await store().increment(key('never-seen'), 1, 60_000)).total).toBe(1);
  });

  it('starts a new window when the old one ends', async () => {
    const name = key('window');
    await store().increment(name, 7, 100);
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect((await store().increment(name, 1, 100)).total).toBe(1);
  });

  it('resets a key', async () => {
    const name = key('reset');
    await store().increment(name, 4, 60_000);
    await store().resetKey(name);
    expect((await store().increment(name, 1, 60_000)).total).toBe(1);
  });
}
