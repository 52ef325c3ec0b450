import type { Clock } from '@signalbox/core';
import type { CooldownState, CooldownStore } from './cooldown-store.js';

/** How a provider+model stands: usable, skipped, or due for one probe. */
export type CooldownStatus = 'closed' | 'open' | 'half-open';

/** A pair's status, with the stored state it was read from (if any). */
export interface CooldownCheck {
  status: CooldownStatus;
  state?: CooldownState;
}

/** Whether a store answer is a promise (stores may answer synchronously). */
export function isPromiseLike<T>(value: T | Promise<T>): value is Promise<T> {
  return typeof (value as { then?: unknown } | undefined)?.then === 'function';
}

/** The check of a pair the store knows nothing about: one shared (frozen) object, nothing allocated. */
const UNKNOWN: CooldownCheck = Object.freeze({ status: 'closed' });

/** Options of the cooldown: where its state lives and when it opens. */
export interface CooldownOptions {
  store: CooldownStore;
  clock: Clock;
  /** Retryable failures in a row that open the cooldown; default 3. */
  threshold?: number;
  /** How long a pair is skipped; default 30 s. */
  cooldownMs?: number;
  /** Failures further apart than this do not add up; default 60 s. */
  failureWindowMs?: number;
}

/**
 * A circuit breaker per provider+model over a `CooldownStore`: `threshold` retryable failures
 * in a row open it for `cooldownMs` (skipped); then one request probes it (half-open) and a
 * success closes it, a failure opens it again.
 */
export class Cooldown {
  private readonly store: CooldownStore;
  private readonly clock: Clock;
  private readonly threshold: number;
  private readonly cooldownMs: number;
  private readonly failureWindowMs: number;

  constructor(options: CooldownOptions) {
    this.store = options.store;
    this.clock = options.clock;
    this.threshold = options.threshold ?? 3;
    this.cooldownMs = options.cooldownMs ?? 30_000;
    this.failureWindowMs = options.failureWindowMs ?? 60_000;
  }

  /**
   * Where a pair stands, without changing anything. Synchronous when the store is (the memory
   * store), so the common path costs no extra microtask.
   */
  status(key: string): CooldownCheck | Promise<CooldownCheck> {
    const state = this.store.get(key);
    return isPromiseLike(state) ? state.then((value) => this.classify(value)) : this.classify(state);
  }

  private classify(state: CooldownState | undefined): CooldownCheck {
    if (!state) return UNKNOWN;
    if (state.openUntil === undefined) return { status: 'closed', state };
    const now = this.clock.now();
    if (now < state.openUntil) return { status: 'open', state };
    if (state.probeUntil !== undefined && now < state.probeUntil) return { status: 'open', state };
    return { status: 'half-open', state };
  }

  /**
   * Claims the probe of a half-open pair; false when another request got there first. With a
   * synchronous store (memory) the read and the write happen in one turn, so exactly one request
   * wins; a shared store needs an atomic operation for that (the Redis store will use a script).
   */
  claimProbe(key: string): boolean | Promise<boolean> {
    const check = this.status(key);
    return isPromiseLike(check) ? check.then((value) => this.claim(key, value)) : this.claim(key, check);
  }

  private claim(key: string, current: CooldownCheck): boolean | Promise<boolean> {
    if (current.status !== 'half-open' || !current.state) return current.status === 'closed';
    const state = { ...current.state, probeUntil: this.clock.now() + this.cooldownMs };
    const written = this.store.set(key, state, this.cooldownMs * 2);
    return isPromiseLike(written) ? written.then(() => true) : true;
  }

  /** Records a retryable failure; opens (or reopens) the pair at the threshold. Atomic with a synchronous store. */
  failure(key: string): void | Promise<void> {
    const state = this.store.get(key);
    return isPromiseLike(state) ? state.then((value) => this.failed(key, value)) : this.failed(key, state);
  }

  private failed(key: string, state: CooldownState | undefined): void | Promise<void> {
    const failures = (state?.failures ?? 0) + 1;
    if (failures >= this.threshold) {
      return this.store.set(
        key,
        { failures, openUntil: this.clock.now() + this.cooldownMs },
        this.cooldownMs * 2,
      );
    }
    return this.store.set(key, { failures }, this.failureWindowMs);
  }

  /** Records a success: the pair is closed and its failure count cleared. */
  success(key: string): void | Promise<void> {
    return this.store.delete(key);
  }
}
