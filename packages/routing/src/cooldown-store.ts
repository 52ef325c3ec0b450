import type { Clock } from '@signalbox/core';

/** What the router remembers about a failing provider+model. */
export interface CooldownState {
  /** Retryable failures in a row. */
  failures: number;
  /** Clock ms until which the pair is skipped; set once `failures` reached the threshold. */
  openUntil?: number;
  /** Clock ms until which one request's probe is in flight (half-open). */
  probeUntil?: number;
}

/**
 * Where cooldown state lives. Methods may return promises: the memory store (default) answers
 * synchronously; a Redis store (with the cache issue) shares state across gateway processes.
 * `ttlMs` lets the store forget a key on its own.
 */
export interface CooldownStore {
  /** The state of one provider+model key, or undefined when it has none (or it expired). */
  get(key: string): CooldownState | undefined | Promise<CooldownState | undefined>;
  /** Stores the state of a key, to be forgotten after `ttlMs` milliseconds. */
  set(key: string, state: CooldownState, ttlMs: number): void | Promise<void>;
  /** Forgets a key (its provider+model answered again). */
  delete(key: string): void | Promise<void>;
}

/** Options of the memory cooldown store. */
export interface MemoryCooldownStoreOptions {
  /** For expiry; default the system clock. */
  clock?: Clock;
  /** Most keys kept (oldest dropped first); default 10,000. */
  maxEntries?: number;
}

/** The in-process cooldown store: a Map with lazy expiry and a size bound. */
export class MemoryCooldownStore implements CooldownStore {
  private readonly entries = new Map<string, { state: CooldownState; expiresAt: number }>();
  private readonly clock: Clock;
  private readonly maxEntries: number;

  constructor(options: MemoryCooldownStoreOptions = {}) {
    this.clock = options.clock ?? { now: () => Date.now() };
    this.maxEntries = options.maxEntries ?? 10_000;
  }

  /** The state of `key`, or undefined when there is none or it expired (dropped then). */
  get(key: string): CooldownState | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (entry.expiresAt <= this.clock.now()) {
      this.entries.delete(key);
      return undefined;
    }
    return entry.state;
  }

  /** Stores the state of `key` until `ttlMs` from now, dropping the oldest key beyond the size bound. */
  set(key: string, state: CooldownState, ttlMs: number): void {
    this.entries.delete(key);
    if (this.entries.size >= this.maxEntries) {
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.entries.delete(oldest);
    }
    this.entries.set(key, { state: { ...state }, expiresAt: this.clock.now() + ttlMs });
  }

  /** Forgets `key`. */
  delete(key: string): void {
    this.entries.delete(key);
  }
}
