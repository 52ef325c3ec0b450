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
  /** true when every entry was cooling down: try them all, no probe claims. */
  force: boolean;
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
  return [401, 402, 403, 404].includes(error.status) ? 'next' : 'stop';
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

/**
 * One entry with its retries. The first try runs outside p-retry, so the common case (success)
 * pays nothing for the retry machinery; p-retry runs the retries that follow a retryable failure.
 */
async function runWithRetries(
  entry: PlanEntry,
  failures: FailedAttempt[],
  shared: ExecuteShared,
  run: ExecuteRun,
): Promise<void> {
  const { cooldown } = shared;
  const recordFailure = async (error: unknown) => {
    failures.push({ entry, error });
    if (cooldown && isRetryable(error)) await cooldown.failure(entry.key);
  };
  const shouldRetry = async (error: unknown, retriesConsumed: number) => {
    if (!isRetryable(error) || run.signal.aborted) return false;
    const delay = retryDelay(error, retriesConsumed, shared);
    if (delay === 'skip') return false;
    try {
      if (delay > 0) await shared.sleep(delay, run.signal);
    } catch {
      return false;
    }
    return !run.signal.aborted;
  };
  try {
    await run.attempt(entry);
    return;
  } catch (error) {
    await recordFailure(error);
    if (shared.retries === 0 || !(await shouldRetry(error, 0))) throw error;
  }
  await pRetry(() => run.attempt(entry), {
    retries: shared.retries - 1,
    minTimeout: 0,
    onFailedAttempt: ({ error }) => recordFailure(error),
    shouldRetry: ({ error, retriesConsumed }) => shouldRetry(error, retriesConsumed + 1),
  });
}

/**
 * Runs the plan: each entry with p-retry (`retries` retries of retryable errors, waiting
 * `Retry-After` or backoff), then the next entry. Resolves once an attempt succeeded; rejects
 * with a client error as is, with a 499 when the client left, or with the most meaningful error
 * once every entry failed (see `selectError`). Feeds the cooldown.
 */
export async function executePlan(
  context: GatewayContext,
  plan: ScheduledEntry[],
  shared: ExecuteShared,
  run: ExecuteRun,
): Promise<void> {
  const failures: FailedAttempt[] = [];
  const skipped: ScheduledEntry[] = [];
  const { cooldown } = shared;
  for (const scheduled of plan) {
    const { entry, status, tracked } = scheduled;
    if (run.deadline?.aborted) break;
    if (cooldown && !run.force && status === 'half-open' && !(await cooldown.claimProbe(entry.key))) {
      skipped.push(scheduled); // another request is probing it
      continue;
    }
    try {
      await runWithRetries(entry, failures, shared, run);
      if (cooldown && (tracked || status !== 'closed')) await cooldown.success(entry.key);
      return;
    } catch (error) {
      if (context.signal.aborted || isClientClosed(error)) throw clientClosedError(error);
      if (failureAction(error) === 'stop') throw error;
    }
  }
  if (context.signal.aborted) throw clientClosedError();
  // Every entry was being probed by other requests: better to try them than to fail.
  if (failures.length === 0 && skipped.length > 0 && !run.deadline?.aborted) {
    return executePlan(context, skipped, shared, { ...run, force: true });
  }
  throw selectError(failures);
}
