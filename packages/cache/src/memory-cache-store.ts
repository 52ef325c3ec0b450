import type { Clock } from '@signalbox/core';
import { LRUCache } from 'lru-cache';
import type { CacheEntry } from './cache-entry.js';
import type { CacheStore } from './cache-store.js';

/** Options of {@link MemoryCacheStore}. */
export interface MemoryCacheStoreOptions {
  /** Total size of the stored entries, in bytes (their JSON size); default 64 MiB. The least recently used go first. */
  maxBytes?: number;
  /** Most entries kept; default 10,000. */
  maxEntries?: number;
  /** Milliseconds clock for the TTLs; default `Date.now`. */
  clock?: Clock;
}

/**
 * The default store: entries in this process's memory, in an LRU bounded by total bytes and
 * entry count, each dropped when its TTL ends. Not shared between processes (use
 * `RedisCacheStore` for that).
 */
export class MemoryCacheStore implements CacheStore {
  private readonly cache: LRUCache<string, CacheEntry>;
  /** In this process's memory: no timeout is armed around its calls. */
  readonly local = true;

  constructor(options: MemoryCacheStoreOptions = {}) {
    const clock = options.clock;
    this.cache = new LRUCache<string, CacheEntry>({
      max: options.maxEntries ?? 10_000,
      maxSize: options.maxBytes ?? 64 * 1024 * 1024,
      sizeCalculation: (entry) => Math.max(1, entry.bytes),
      ttlAutopurge: false,
      ttlResolution: 0,
      ...(clock && { perf: { now: () => clock.now() } }),
    });
  }

  async get(key: string): Promise<CacheEntry | undefined> {
    return this.cache.get(key);
  }

  async set(key: string, entry: CacheEntry, ttlMs: number): Promise<void> {
    this.cache.set(key, entry, { ttl: Math.max(1, Math.round(ttlMs)) });
  }

  async delete(key: string): Promise<void> {
    this.cache.delete(key);
  }

  async shutdown(): Promise<void> {
    this.cache.clear();
  }

  /** Entries held now (for tests and metrics). */
  get size(): number {
    return this.cache.size;
  }

  /** Bytes held now. */
  get bytes(): number {
    return this.cache.calculatedSize;
  }
}
