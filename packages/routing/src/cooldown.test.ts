import { describe, expect, it } from 'vitest';
import { Cooldown } from './cooldown.js';
import { type CooldownState, MemoryCooldownStore } from './cooldown-store.js';

function setup() {
  const clock = {
    time: 1_000,
    now() {
      return this.time;
    },
  };
  const store = new MemoryCooldownStore({ clock });
  const cooldown = new Cooldown({ store, clock, threshold: 2, cooldownMs: 100 });
  return { clock, store, cooldown };
}

describe('Cooldown', () => {
  it('opens after the threshold, goes half-open after the cooldown, lets one probe through', async () => {
    const { clock, cooldown } = setup();
    await cooldown.failure('p/m');
    expect((await cooldown.status('p/m')).status).toBe('closed');
    await cooldown.failure('p/m');
    expect((await cooldown.status('p/m')).status).toBe('open');
    clock.time += 100;
    expect((await cooldown.status('p/m')).status).toBe('half-open');
    expect(await cooldown.claimProbe('p/m')).toBe(true);
    expect(await cooldown.claimProbe('p/m')).toBe(false);
    expect((await cooldown.status('p/m')).status).toBe('open');
    await cooldown.success('p/m');
    expect(await cooldown.status('p/m')).toEqual({ status: 'closed' });
  });

  it('reopens when the probe fails', async () => {
    const { clock, cooldown } = setup();
    await cooldown.failure('p/m');
    await cooldown.failure('p/m');
    clock.time += 150;
    expect(await cooldown.claimProbe('p/m')).toBe(true);
    await cooldown.failure('p/m');
    const { status, state } = await cooldown.status('p/m');
    expect(status).toBe('open');
    expect(state?.openUntil).toBe(clock.time + 100);
  });
});

describe('MemoryCooldownStore', () => {
  it('forgets entries after their ttl and beyond its size', () => {
    const clock = {
      time: 0,
      now() {
        return this.time;
      },
    };
    const store = new MemoryCooldownStore({ clock, maxEntries: 2 });
    store.set('a', { failures: 1 }, 10);
    clock.time = 10;
    expect(store.get('a')).toBeUndefined();
    store.set('a', { failures: 1 }, 10);
    store.set('b', { failures: 1 }, 10);
    store.set('c', { failures: 1 }, 10);
    expect(store.get('a')).toBeUndefined();
    expect(store.get('c')).toEqual({ failures: 1 });
    store.delete('c');
    expect(store.get('c')).toBeUndefined();
  });
});

describe('Cooldown with an asynchronous store', () => {
  it('works the same through promises', async () => {
    const clock = {
      time: 0,
      now() {
        return this.time;
      },
    };
    const memory = new MemoryCooldownStore({ clock });
    const store = {
      get: async (key: string) => memory.get(key),
      set: async (key: string, state: CooldownState, ttlMs: number) => memory.set(key, state, ttlMs),
      delete: async (key: string) => memory.delete(key),
    };
    const cooldown = new Cooldown({ store, clock, threshold: 1, cooldownMs: 10 });
    await cooldown.failure('k');
    expect((await cooldown.status('k')).status).toBe('open');
    clock.time = 10;
    expect(await cooldown.claimProbe('k')).toBe(true);
    expect(await cooldown.claimProbe('k')).toBe(false);
    await cooldown.success('k');
    expect(await cooldown.claimProbe('k')).toBe(true);
  });
});
