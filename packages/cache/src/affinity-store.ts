import type { Clock, RedisSendCommand } from '@signalbox/core';
import { LRUCache } from 'lru-cache';

/**
 * Remembers which provider last served a prompt prefix (cache-affine routing). Minimal like
 * `CacheStore`: a failing store only loses the preference.
 */
export interface AffinityStore {
  /** The provider that last served the prefix `key`, if remembered. */
  get(key: string): Promise<string | undefined>;
  /** Remembers `provider` for `key` for `ttlMs` milliseconds. */
  set(key: string, provider: string, ttlMs: number): Promise<void>;
  /** Releases what the store holds (called by the middleware's close hook). */
  shutdown?(): Promise<void>;
}

/** Options of {@link MemoryAffinityStore}. */
export interface MemoryAffinityStoreOptions {
  /** Prefixes remembered at most; default 10,000 (least recently used go first). */
  maxEntries?: number;
  /** Milliseconds clock for the TTLs; default `performance.now`. */
  clock?: Clock;
}

/** The default affinity store: an LRU in this process's memory, each entry with its TTL. */
export class MemoryAffinityStore implements AffinityStore {
  private readonly cache: LRUCache<string, string>;

  constructor(options: MemoryAffinityStoreOptions = {}) {
    const clock = options.clock;
    this.cache = new LRUCache<string, string>({
      max: options.maxEntries ?? 10_000,
      ttlResolution: 0,
      ...(clock && { perf: { now: () => clock.now() } }),
    });
  }

  async get(key: string): Promise<string | undefined> {
    return this.cache.get(key);
  }

  async set(key: string, provider: string, ttlMs: number): Promise<void> {
    this.cache.set(key, provider, { ttl: Math.max(1, Math.round(ttlMs)) });
  }

  /** Forgets every remembered prefix. */
  async shutdown(): Promise<void> {
    this.cache.clear();
  }
}

/** Options of {@link RedisAffinityStore}. */
export interface RedisAffinityStoreOptions {
  /** Sends one command (ioredis `(...args) => redis.call(...args)`). */
  sendCommand: RedisSendCommand;
  /** Key prefix; default `signalbox:affinity:`. */
  prefix?: string;
}

/** Affinity shared by every gateway process on one Redis: `SET <prefix><key> <provider> PX <ttl>`. */
export class RedisAffinityStore implements AffinityStore {
  private readonly sendCommand: RedisSendCommand;
  private readonly prefix: string;

  constructor(options: RedisAffinityStoreOptions) {
    if (typeof options?.sendCommand !== 'function') {
      throw new TypeError('RedisAffinityStore: option sendCommand must be a function');
    }
    this.sendCommand = options.sendCommand;
    this.prefix = options.prefix ?? 'signalbox:affinity:';
  }

  async get(key: string): Promise<string | undefined> {
    const reply = await this.sendCommand('GET', this.prefix + key);
    if (typeof reply === 'string') return reply;
    return reply instanceof Uint8Array ? Buffer.from(reply).toString('utf8') : undefined;
  }

  async set(key: string, provider: string, ttlMs: number): Promise<void> {
    await this.sendCommand('SET', this.prefix + key, provider, 'PX', String(Math.max(1, Math.round(ttlMs))));
  }
}
