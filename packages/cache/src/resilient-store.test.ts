import { describe, expect, it, vi } from 'vitest';
import type { CacheStore } from './cache-store.js';
import { MemoryCacheStore } from './memory-cache-store.js';
import { resilientStore, withTimeout } from './resilient-store.js';
import { ManualClock, recordingLogger } from './test-support.js';
import { WarnThrottle } from './warn-throttle.js';

function wrap(store: CacheStore, timeoutMs = 50) {
  const logger = recordingLogger();
  const warnings = new WarnThrottle(logger, 0, new ManualClock());
  return { store: resilientStore(store, { timeoutMs, warnings }), logger };
}

describe('resilientStore', () => {
  it('passes calls through to a healthy store', async () => {
    const { store } = wrap(new MemoryCacheStore());
    await store.set(
      'k',
      { version: 1, kind: 'stream', parts: [], generationId: 'g', createdAt: 0, expiresAt: 1, bytes: 1 },
      1000,
    );
    expect((await store.get('k'))?.generationId).toBe('g');
  });

  it('turns failures and timeouts into misses with a warning', async () => {
    const failing: CacheStore = {
      get: () => Promise.reject(new Error('ECONNREFUSED')),
      set: () => new Promise(() => {}),
      delete: () => Promise.reject(new Error('ECONNREFUSED')),
    };
    const { store, logger } = wrap(failing, 10);
    expect(await store.get('k')).toBeUndefined();
    await store.set('k', {} as never, 1000);
    await store.delete('k');
    expect(logger.warnings).toEqual([
      'Response cache store get failed; serving without the cache',
      'Response cache store set failed; serving without the cache',
      'Response cache store delete failed; serving without the cache',
    ]);
  });

  it('arms no timer around a local (in-memory) store, but still turns its failures into misses', async () => {
    const timers = vi.spyOn(globalThis, 'setTimeout');
    try {
      const { store } = wrap(new MemoryCacheStore());
      expect(await store.get('k')).toBeUndefined();
      expect(timers).not.toHaveBeenCalled();
      const local: CacheStore = {
        local: true,
        get: () => Promise.reject(new Error('broken')),
        set: async () => {},
        delete: async () => {},
      };
      const failing = wrap(local);
      expect(await failing.store.get('k')).toBeUndefined();
      expect(failing.logger.warnings).toEqual(['Response cache store get failed; serving without the cache']);
      expect(timers).not.toHaveBeenCalled();
      // A remote store gets its timeout.
      await wrap({ ...local, local: false, get: async () => undefined }).store.get('k');
      expect(timers).toHaveBeenCalledTimes(1);
    } finally {
      timers.mockRestore();
    }
  });

  it('runs init once before the first call, and again after it failed', async () => {
    let inits = 0;
    const memory = new MemoryCacheStore();
    const store: CacheStore = {
      get: (key) => memory.get(key),
      set: (key, entry, ttl) => memory.set(key, entry, ttl),
      delete: (key) => memory.delete(key),
      init: async () => {
        inits += 1;
        if (inits === 1) throw new Error('not yet');
      },
      shutdown: async () => {},
    };
    const { store: wrapped } = wrap(store);
    expect(await wrapped.get('a')).toBeUndefined();
    await wrapped.get('a');
    await wrapped.get('a');
    expect(inits).toBe(2);
    await wrapped.shutdown();
  });

  it('withTimeout rejects a slow promise and passes a fast one', async () => {
    await expect(withTimeout(new Promise(() => {}), 'get', 5)).rejects.toThrow(/longer than 5 ms/);
    await expect(withTimeout(Promise.resolve(1), 'get', 5)).resolves.toBe(1);
  });
});
