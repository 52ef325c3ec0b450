import type { Clock } from '@signalbox/core';
import type { RateLimitCounter, RateLimitStore } from './rate-limit-store.js';

/** Options of {@link MemoryRateLimitStore}. */
export interface MemoryRateLimitStoreOptions {
  /** The longest window the store serves, ms; old counters are dropped on this period. Default 60,000. */
  windowMs?: number;
  clock?: Clock;
}

interface Counter {
  total: number;
  resetAt: number;
}

/**
 * Rate-limit counters in this process's memory. Like express-rate-limit's MemoryStore, it keeps
 * two maps and swaps them every window instead of a timer per key: a counter not touched for a
 * whole window is dropped with the old map. The interval is `unref()`'d; `shutdown()` clears it.
 */
export class MemoryRateLimitStore implements RateLimitStore {
  private previous = new Map<string, Counter>();
  private current = new Map<string, Counter>();
  private readonly windowMs: number;
  private readonly clock: Clock;
  private readonly interval: ReturnType<typeof setInterval>;

  constructor(options: MemoryRateLimitStoreOptions = {}) {
    this.windowMs = options.windowMs ?? 60_000;
    this.clock = options.clock ?? { now: () => Date.now() };
    this.interval = setInterval(() => this.swap(), this.windowMs);
    this.interval.unref();
  }

  /** Drops the counters untouched for a window (called by the interval). */
  swap(): void {
    this.previous = this.current;
    this.current = new Map();
  }

  private find(key: string, now: number): Counter | undefined {
    let counter = this.current.get(key);
    if (!counter) {
      counter = this.previous.get(key);
      if (counter) {
        this.previous.delete(key);
        this.current.set(key, counter);
      }
    }
    return counter && counter.resetAt > now ? counter : undefined;
  }

  increment(key: string, amount: number, windowMs: number): RateLimitCounter {
    if (windowMs > this.windowMs) {
      throw new RangeError(
        `MemoryRateLimitStore: window ${windowMs} ms is longer than the store's ${this.windowMs} ms`,
      );
    }
    const now = this.clock.now(); // read once per call
    let counter = this.find(key, now);
    if (!counter) {
      counter = { total: 0, resetAt: now + windowMs };
      this.current.set(key, counter);
    }
    counter.total += amount;
    return { total: counter.total, resetInMs: counter.resetAt - now };
  }

  decrement(key: string, amount: number): void {
    const counter = this.find(key, this.clock.now());
    if (counter) counter.total = Math.max(0, counter.total - amount);
  }

  resetKey(key: string): void {
    this.current.delete(key);
    this.previous.delete(key);
  }

  shutdown(): void {
    clearInterval(this.interval);
  }
}
