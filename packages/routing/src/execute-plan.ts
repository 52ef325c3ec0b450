import { GatewayError, type GatewayContext } from '@signalbox/core';
import pRetry from 'p-retry';
import { clientClosedError, isClientClosed } from './abort.js';
import type { Cooldown, CooldownStatus } from './cooldown.js';
import type { PlanEntry } from './plan.js';
import { type FailedAttempt, selectError } from './select-error.js';

/** A plan entry with where it stood in the cooldown when the plan was made. */
export interface ScheduledEntry {
  entry: PlanEntry;
  status: CooldownStatus;
  /** The store had state for it (a success must clear it). */
  tracked: boolean;
}

/** How the retry loop retries, waits and records. */
export interface RetryPolicy {
  /** Retries per provider after the first attempt. */
  retries: number;
  /** Longest `Retry-After` honoured, ms; a longer one moves on to the next provider. */
  maxRetryAfterMs: number;
  /** Backoff before retry n (0-based): min(maxMs, minMs * 2^n), with jitter in [half, full]. */
  backoff: { minMs: number; maxMs: number };
  /** In [0, 1), for backoff jitter. */
  random: () => number;
  /** Waits between retries; stops early when the signal aborts. */
  sleep: (ms: number, signal: AbortSignal) => Promise<void>;
}

/** What the loop shares across requests: the retry policy and the cooldown. */
export interface ExecuteShared extends RetryPolicy {
  /** Absent when cooldown is off. */
  cooldown?: Cooldown;
}

/** What one request's loop needs. */
export interface ExecuteRun {
  /** Runs one attempt (records it, sets the result or the primed stream). */
  attempt: (entry: PlanEntry) => Promise<void>;
  /** Aborted by the client or the total deadline: waits stop at once. */
  signal: AbortSignal;
  /** Aborted when the total deadline passed: no further attempt starts. */
  deadline?: AbortSignal;
}

/** What a failure means for the plan. */
export type FailureAction = 'next' | 'stop';

/**
 * Retryable errors (408, 409, 429, 5xx, network, timeouts) and provider-side refusals
 * (401/403 wrapped as 502 `upstream_authentication_failed`, 402, 404 `model_not_found` at one
 * provider, any other 5xx) move on to the next provider; the client's own mistakes (400, 413,
 * 415, 422...) stop: no other provider would answer them differently.
 */
export function failureAction(error: unknown): FailureAction {
  if (!GatewayError.isInstance(error)) return 'next';
  if (error.isRetryable || error.status >= 500) return 'next';
  const { status } = error;
  return status === 401 || status === 402 || status === 403 || status === 404 ? 'next' : 'stop';
}

function isRetryable(error: unknown): boolean {
  return GatewayError.isInstance(error) && error.isRetryable;
}

/** The wait before a retry: the provider's `Retry-After`, else exponential backoff with jitter. */
export function retryDelay(error: unknown, retriesConsumed: number, policy: RetryPolicy): number | 'skip' {
  const retryAfter = GatewayError.isInstance(error) ? error.retryAfter : undefined;
  if (retryAfter !== undefined) {
    const ms = retryAfter * 1000;
    return ms > policy.maxRetryAfterMs ? 'skip' : ms;
  }
  const ceiling = Math.min(policy.backoff.maxMs, policy.backoff.minMs * 2 ** retriesConsumed);
  return Math.round(ceiling / 2 + policy.random() * (ceiling / 2));
}

/** Records a failed attempt, and feeds the cooldown when it was retryable. */
async function recordFailure(
  entry: PlanEntry,
  error: unknown,
  failures: FailedAttempt[],
  cooldown: Cooldown | undefined,
): Promise<void> {
  failures.push({ entry, error });
  if (cooldown && isRetryable(error)) await cooldown.failure(entry.key);
}

/** Whether to retry after `error` (waiting its delay first); false when the run was aborted meanwhile. */
async function shouldRetry(
  error: unknown,
  retriesConsumed: number,
  shared: ExecuteShared,
  run: ExecuteRun,
): Promise<boolean> {
  if (!isRetryable(error) || run.signal.aborted) return false;
  const delay = retryDelay(error, retriesConsumed, shared);
  if (delay === 'skip') return false;
  try {
    if (delay > 0) await shared.sleep(delay, run.signal);
  } catch {
    return false;
  }
  return !run.signal.aborted;
}

/**
 * The retries of one entry after its first try failed with `error` (the first try runs in
 * `executePlan` itself, so the common case, success, pays nothing for the retry machinery);
 * p-retry runs the retries. Rejects when the entry is given up.
 */
async function retryAfterFailure(
  entry: PlanEntry,
  error: unknown,
  failures: FailedAttempt[],
  shared: ExecuteShared,
  run: ExecuteRun,
): Promise<void> {
  const { cooldown } = shared;
  await recordFailure(entry, error, failures, cooldown);
  if (shared.retries === 0 || !(await shouldRetry(error, 0, shared, run))) throw error;
  await pRetry(() => run.attempt(entry), {
    retries: shared.retries - 1,
    minTimeout: 0,
    onFailedAttempt: ({ error }) => recordFailure(entry, error, failures, cooldown),
    shouldRetry: ({ error, retriesConsumed }) => shouldRetry(error, retriesConsumed + 1, shared, run),
  });
}

/**
 * Runs the plan: each entry with p-retry (`retries` retries of retryable errors, waiting
 * `Retry-After` or backoff), then the next entry. Resolves once an attempt succeeded; rejects
 * with a client error as is, with a 499 when the client left, or with the most meaningful error
 * once every entry failed (see `selectError`). Feeds the cooldown. `force` (every entry was
 * cooling down): try them all, no probe claims.
 */
export async function executePlan(
  context: GatewayContext,
  plan: ScheduledEntry[],
  shared: ExecuteShared,
  run: ExecuteRun,
  force: boolean,
): Promise<void> {
  // Made on the first failure (or skip): a request that succeeds at once allocates neither.
  let failures: FailedAttempt[] | undefined;
  let skipped: ScheduledEntry[] | undefined;
  const { cooldown } = shared;
  for (let index = 0; index < plan.length; index += 1) {
    const scheduled = plan[index] as ScheduledEntry;
    const { entry, status } = scheduled;
    if (run.deadline?.aborted) break;
    if (cooldown && !force && status === 'half-open' && !(await cooldown.claimProbe(entry.key))) {
      skipped ??= [];
      skipped.push(scheduled); // another request is probing it
      continue;
    }
    try {
      try {
        await run.attempt(entry);
      } catch (error) {
        failures ??= [];
        await retryAfterFailure(entry, error, failures, shared, run);
      }
      if (cooldown && (scheduled.tracked || status !== 'closed')) await cooldown.success(entry.key);
      return;
    } catch (error) {
      if (context.signal.aborted || isClientClosed(error)) throw clientClosedError(error);
      if (failureAction(error) === 'stop') throw error;
    }
  }
  if (context.signal.aborted) throw clientClosedError();
  // Every entry was being probed by other requests: better to try them than to fail.
  if ((failures === undefined || failures.length === 0) && skipped !== undefined && !run.deadline?.aborted) {
    return executePlan(context, skipped, shared, run, true);
  }
  throw selectError(failures ?? []);
}
