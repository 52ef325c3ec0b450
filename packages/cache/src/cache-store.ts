import type { CacheEntry } from './cache-entry.js';

/**
 * Where the response cache keeps entries. Minimal on purpose (as express-rate-limit's `Store`):
 * `get`, `set` and `delete` are required, `init` and `shutdown` optional. A store may fail (a
 * server down): the middleware then treats the request as a miss and logs a warning, it never
 * fails the request.
 */
export interface CacheStore {
  /** The entry under `key`, or undefined when there is none (or it expired). */
  get(key: string): Promise<CacheEntry | undefined>;
  /** Stores `entry` under `key` for `ttlMs` milliseconds, replacing any entry there. */
  set(key: string, entry: CacheEntry, ttlMs: number): Promise<void>;
  /** Removes the entry under `key`, if any. */
  delete(key: string): Promise<void>;
  /**
   * True for a store that answers from this process's memory, without I/O (the memory store): the
   * middleware then arms no timeout around its calls (a timer per lookup costs more than the lookup).
   */
  readonly local?: boolean;
  /** Called once, before the first use. */
  init?(): Promise<void>;
  /** Called by `gateway.close()`: free timers and connections the store owns. */
  shutdown?(): Promise<void>;
}
