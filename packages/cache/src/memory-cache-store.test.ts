import { describe, expect, it } from 'vitest';
import type { CacheEntry } from './cache-entry.js';
import { MemoryCacheStore } from './memory-cache-store.js';
import { ManualClock } from './test-support.js';

function entry(bytes: number, generationId = 'gen_1'): CacheEntry {
  return {
    version: 1,
    kind: 'stream',
    parts: [],
    generationId,
    createdAt: 0,
    expiresAt: Number.MAX_SAFE_INTEGER,
    bytes,
  };
}

describe('MemoryCacheStore', () => {
  it('gets what was set, until deleted', async () => {
    const store = new MemoryCacheStore();
    await store.set('a', entry(10), 1000);
    expect((await store.get('a'))?.generationId).toBe('gen_1');
    await store.delete('a');
    expect(await store.get('a')).toBeUndefined();
  });

  it('drops entries when their TTL ends', async () => {
    const clock = new ManualClock();
    const store = new MemoryCacheStore({ clock });
    await store.set('a', entry(10), 1000);
    clock.advance(999);
    expect(await store.get('a')).toBeDefined();
    clock.advance(2);
    expect(await store.get('a')).toBeUndefined();
  });

  it('is bounded by total bytes: the least recently used go first', async () => {
    const store = new MemoryCacheStore({ maxBytes: 100 });
    await store.set('a', entry(40, 'a'), 60_000);
    await store.set('b', entry(40, 'b'), 60_000);
    await store.get('a');
    await store.set('c', entry(40, 'c'), 60_000);
    expect(await store.get('b')).toBeUndefined();
    expect(await store.get('a')).toBeDefined();
    expect(store.bytes).toBe(80);
    expect(store.size).toBe(2);
    await store.set('huge', entry(500), 60_000);
    expect(await store.get('huge')).toBeUndefined();
  });

  it('is bounded by entry count, and shutdown empties it', async () => {
    const store = new MemoryCacheStore({ maxEntries: 2 });
    for (const key of ['a', 'b', 'c']) await store.set(key, entry(1), 60_000);
    expect(store.size).toBe(2);
    await store.shutdown();
    expect(store.size).toBe(0);
  });
});
