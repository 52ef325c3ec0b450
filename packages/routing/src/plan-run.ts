import type { ChatRequest, GatewayContext, ProviderAdapter } from '@signalbox/core';
import type { ExecuteRun } from './execute-plan.js';
import type { PlanEntry } from './plan.js';
import { type AttemptTiming, runTimedAttempt, type TimedAttemptOptions } from './timed-attempt.js';

/**
 * One request's run of its plan: what `executePlan` needs (its attempts, signal and deadline)
 * and what each timed attempt needs (the request providers see, the deadline, the router's
 * timing), in one object per request rather than a closure and two option objects.
 */
export class PlanRun implements ExecuteRun, TimedAttemptOptions {
  constructor(
    readonly context: GatewayContext,
    readonly timing: AttemptTiming,
    /** The request as providers see it (routing fields removed). */
    readonly request: ChatRequest,
    /** Aborted by the client or the total deadline. */
    readonly signal: AbortSignal,
    /** The total deadline's signal, when there is one. */
    readonly deadline?: AbortSignal,
  ) {}

  /** Runs one timed attempt of `entry` against its provider. */
  attempt(entry: PlanEntry): Promise<void> {
    const { context } = this;
    return runTimedAttempt(context, entry, context.providers.get(entry.provider) as ProviderAdapter, this);
  }
}
