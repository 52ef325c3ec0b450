import type { RedisSendCommand } from '@signalbox/core';
import { type CacheEntry, isCacheEntry } from './cache-entry.js';
import type { CacheStore } from './cache-store.js';

/** Options of {@link RedisCacheStore}. */
export interface RedisCacheStoreOptions {
  /**
   * Sends one command, with any client: ioredis `(...args) => redis.call(...args)`, node-redis
   * `(...args) => client.sendCommand(args)`.
   */
  sendCommand: RedisSendCommand;
  /** Prefix of every key; default `signalbox:cache:`. Gateways sharing a prefix share entries. */
  prefix?: string;
}

function asText(reply: unknown): string | undefined {
  if (typeof reply === 'string') return reply;
  if (reply instanceof Uint8Array) return Buffer.from(reply).toString('utf8');
  return undefined;
}

/**
 * A cache store in Redis, shared by every gateway process that uses the same server and prefix.
 * Entries are JSON under `<prefix><key>`, written with `SET key value PX ttl` so Redis expires
 * them; an entry that does not parse is treated as absent. Client-agnostic: it only needs
 * `sendCommand`.
 */
export class RedisCacheStore implements CacheStore {
  private readonly sendCommand: RedisSendCommand;
  private readonly prefix: string;

  constructor(options: RedisCacheStoreOptions) {
    if (typeof options?.sendCommand !== 'function') {
      throw new TypeError(
        'RedisCacheStore: option sendCommand must be a function, e.g. (...args) => redis.call(...args)',
      );
    }
    this.sendCommand = options.sendCommand;
    this.prefix = options.prefix ?? 'signalbox:cache:';
  }

  async get(key: string): Promise<CacheEntry | undefined> {
    const text = asText(await this.sendCommand('GET', this.prefix + key));
    if (text === undefined) return undefined;
    try {
      const value: unknown = JSON.parse(text);
      return isCacheEntry(value) ? value : undefined;
    } catch {
      return undefined;
    }
  }

  async set(key: string, entry: CacheEntry, ttlMs: number): Promise<void> {
    await this.sendCommand(
      'SET',
      this.prefix + key,
      JSON.stringify(entry),
      'PX',
      String(Math.max(1, Math.round(ttlMs))),
    );
  }

  async delete(key: string): Promise<void> {
    await this.sendCommand('DEL', this.prefix + key);
  }
}
