import type { CacheEntry } from './cache-entry.js';
import type { CacheStore } from './cache-store.js';
import type { WarnThrottle } from './warn-throttle.js';

/** Options of {@link resilientStore}. */
export interface ResilientStoreOptions {
  /** A call that takes longer counts as failed; milliseconds (0: no limit). */
  timeoutMs: number;
  warnings: WarnThrottle;
}

/** A store whose failures never reach the request: `get` misses, `set`/`delete` do nothing. */
export interface ResilientStore {
  get(key: string): Promise<CacheEntry | undefined>;
  set(key: string, entry: CacheEntry, ttlMs: number): Promise<void>;
  delete(key: string): Promise<void>;
  shutdown(): Promise<void>;
}

class StoreTimeoutError extends Error {
  constructor(operation: string, timeoutMs: number) {
    super(`cache store ${operation} took longer than ${timeoutMs} ms`);
    this.name = 'StoreTimeoutError';
  }
}

/** Rejects with a timeout error when `promise` takes longer than `timeoutMs`. */
export function withTimeout<T>(promise: Promise<T>, operation: string, timeoutMs: number): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new StoreTimeoutError(operation, timeoutMs)), timeoutMs);
    timer.unref?.();
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/**
 * Wraps a store so that a failing or slow store degrades to a miss: `get` resolves undefined,
 * `set` and `delete` resolve, and a warning is logged (throttled). `init` runs once before the
 * first call, and again later if it failed.
 */
export function resilientStore(store: CacheStore, options: ResilientStoreOptions): ResilientStore {
  let initialized: Promise<void> | undefined;
  // A store in this process's memory cannot hang: no timer per call for it.
  const timed = options.timeoutMs > 0 && store.local !== true;

  function ready(): Promise<void> {
    if (!store.init) return Promise.resolve();
    initialized ??= store.init().catch((error: unknown) => {
      initialized = undefined;
      throw error;
    });
    return initialized;
  }

  async function guarded<T>(operation: string, key: string, run: () => Promise<T>, fallback: T): Promise<T> {
    try {
      const call = store.init ? ready().then(run) : run();
      return await (timed ? withTimeout(call, operation, options.timeoutMs) : call);
    } catch (error) {
      options.warnings.warn(`Response cache store ${operation} failed; serving without the cache`, {
        operation,
        key: key.slice(0, 16),
        error: error instanceof Error ? error.message : String(error),
      });
      return fallback;
    }
  }

  return {
    get: (key) => guarded('get', key, () => store.get(key), undefined),
    set: (key, entry, ttlMs) => guarded('set', key, () => store.set(key, entry, ttlMs), undefined),
    delete: (key) => guarded('delete', key, () => store.delete(key), undefined),
    async shutdown() {
      await store.shutdown?.();
    },
  };
}
