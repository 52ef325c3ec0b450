import type { RedisSendCommand } from '@signalbox/core';
import type { RateLimitCounter, RateLimitStore } from './rate-limit-store.js';

/** Options of {@link RedisRateLimitStore}. */
export interface RedisRateLimitStoreOptions {
  /** Sends one command: with ioredis `(...args) => redis.call(...args)`. */
  sendCommand: RedisSendCommand;
  /** Prefix of every key; default `signalbox:ratelimit:`. */
  prefix?: string;
  /** Called by `shutdown()`, e.g. `() => redis.quit()` when the client was made for this store. */
  onShutdown?: () => Promise<unknown> | unknown;
}

/**
 * Adds ARGV[1] (may be negative) to the counter KEYS[1]. A new counter gets a TTL of ARGV[2] ms;
 * a decrement of a counter that no longer exists does nothing; a counter never goes below 0.
 * Returns { total, ms until reset }. One script call: atomic across every gateway process.
 */
const SCRIPT = `
local amount = tonumber(ARGV[1])
if amount < 0 and redis.call('EXISTS', KEYS[1]) == 0 then return {0, 0} end
local total = redis.call('INCRBY', KEYS[1], amount)
if total < 0 then total = redis.call('INCRBY', KEYS[1], -total) end
local ttl = redis.call('PTTL', KEYS[1])
if ttl < 0 then
  redis.call('PEXPIRE', KEYS[1], ARGV[2])
  ttl = tonumber(ARGV[2])
end
return {total, ttl}
`;

function toNumber(value: unknown): number {
  const number = typeof value === 'number' ? value : Number(value);
  if (!Number.isFinite(number)) throw new Error(`Unexpected reply from Redis: ${String(value)}`);
  return number;
}

/**
 * Rate-limit counters in Redis, shared by every gateway process: one atomic Lua script per
 * change, loaded once with `SCRIPT LOAD` and called by its SHA; when Redis answers `NOSCRIPT`
 * (a restart, `SCRIPT FLUSH`), the script is loaded again and the call retried once.
 */
export class RedisRateLimitStore implements RateLimitStore {
  private readonly sendCommand: RedisSendCommand;
  private readonly prefix: string;
  private readonly onShutdown: (() => Promise<unknown> | unknown) | undefined;
  private sha: Promise<string> | undefined;

  constructor(options: RedisRateLimitStoreOptions) {
    if (typeof options.sendCommand !== 'function') {
      throw new TypeError('RedisRateLimitStore: sendCommand must be a function');
    }
    this.sendCommand = options.sendCommand;
    this.prefix = options.prefix ?? 'signalbox:ratelimit:';
    this.onShutdown = options.onShutdown;
  }

  private load(): Promise<string> {
    this.sha ??= this.sendCommand('SCRIPT', 'LOAD', SCRIPT).then(String, (error: unknown) => {
      this.sha = undefined;
      throw error;
    });
    return this.sha;
  }

  private async run(key: string, amount: number, windowMs: number): Promise<RateLimitCounter> {
    const args = ['1', `${this.prefix}${key}`, String(amount), String(Math.ceil(windowMs))];
    let reply: unknown;
    try {
      reply = await this.sendCommand('EVALSHA', await this.load(), ...args);
    } catch (error) {
      if (!String((error as Error)?.message ?? error).includes('NOSCRIPT')) throw error;
      this.sha = undefined;
      reply = await this.sendCommand('EVALSHA', await this.load(), ...args);
    }
    if (!Array.isArray(reply) || reply.length < 2) throw new Error('Unexpected reply from Redis');
    return { total: toNumber(reply[0]), resetInMs: toNumber(reply[1]) };
  }

  increment(key: string, amount: number, windowMs: number): Promise<RateLimitCounter> {
    return this.run(key, amount, windowMs);
  }

  async decrement(key: string, amount: number): Promise<void> {
    await this.run(key, -amount, 1);
  }

  async resetKey(key: string): Promise<void> {
    await this.sendCommand('DEL', `${this.prefix}${key}`);
  }

  async shutdown(): Promise<void> {
    await this.onShutdown?.();
  }
}
