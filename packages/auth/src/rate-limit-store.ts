/** A counter's state after a change. */
export interface RateLimitCounter {
  /** The counter's value in the current window, after the change. */
  total: number;
  /** Milliseconds until the window ends and the counter starts again from 0. */
  resetInMs: number;
}

/**
 * Where rate-limit counters live (express-rate-limit style): fixed windows that start with a
 * key's first hit. The memory store is the default (one process); the Redis store shares limits
 * between gateway processes. Methods may answer synchronously or with a promise.
 */
export interface RateLimitStore {
  /** Adds `amount` to the key's counter, starting a window of `windowMs` when there is none. */
  increment(key: string, amount: number, windowMs: number): RateLimitCounter | Promise<RateLimitCounter>;
  /**
   * Takes `amount` back (a refused request, a reservation settled lower), never below 0. Does
   * nothing when the key's window has ended.
   */
  decrement(key: string, amount: number): void | Promise<void>;
  /** Forgets a key. */
  resetKey(key: string): void | Promise<void>;
  /** Stops timers, releases connections (called by the middleware's close hook). */
  shutdown?(): void | Promise<void>;
}
