import {
  type ChatRequest,
  type Clock,
  type GatewayContext,
  type GenerateResult,
  type ProviderAdapter,
  type ProviderCall,
  runAttempt,
  type StreamPart,
  type StreamResult,
  type WireFormat,
} from '@signalbox/core';
import { clientClosedError, timeoutError } from './abort.js';
import { AttemptAbort } from './attempt-abort.js';
import type { PlanEntry } from './plan.js';
import type { ProviderStats } from './provider-stats.js';
import { type StreamWatcher, WatchedStream } from './watched-stream.js';

/** What the attempts of a router share: its timeouts, stats and clock (made once per router). */
export interface AttemptTiming {
  /** Bounds the call (non-streamed) or the time to the first content (streamed). */
  attemptTimeoutMs?: number;
  /** Streams only: bounds the time to the first content part. */
  firstTokenTimeoutMs?: number;
  stats: ProviderStats;
  clock: Clock;
}

/** What one timed attempt needs besides the context and the plan entry. */
export interface TimedAttemptOptions {
  /** The request as providers see it (routing fields removed). */
  request: ChatRequest;
  /** Aborted when the router's total deadline passes (its reason is the 504 to report). */
  deadline?: AbortSignal;
  timing: AttemptTiming;
}

function outputTokensPerSecond(tokens: number | undefined, milliseconds: number): number | undefined {
  return tokens === undefined || milliseconds <= 0 ? undefined : (tokens * 1000) / milliseconds;
}

function record(
  stats: ProviderStats,
  key: string,
  ttftMs: number,
  tokensPerSecond: number | undefined,
): void {
  stats.record(key, tokensPerSecond === undefined ? { ttftMs } : { ttftMs, tokensPerSecond });
}

/**
 * The adapter one attempt hands to core's `runAttempt`: the provider, called with the router's
 * request (routing fields removed) and signal, failures mapped (client abort -> 499, timer ->
 * its 504), successes measured. A class, so an attempt allocates one object, not a closure per
 * method.
 */
class TimedAdapter implements ProviderAdapter, StreamWatcher {
  readonly specificationVersion = 'v1';
  readonly name: string;
  readonly format: WireFormat | undefined;
  /** `clock.now()` when the attempt started. */
  readonly started: number;
  /** `clock.now()` when a stream's first content arrived. */
  private firstAt = 0;

  constructor(
    readonly context: GatewayContext,
    readonly entry: PlanEntry,
    readonly provider: ProviderAdapter,
    readonly request: ChatRequest,
    readonly signal: AbortSignal,
    readonly abort: AttemptAbort | undefined,
    readonly timing: AttemptTiming,
  ) {
    this.name = provider.name;
    this.format = provider.format;
    this.started = timing.clock.now();
  }

  /** The error to report for a failure of this attempt. */
  failure(error: unknown): unknown {
    if (this.context.signal.aborted) return clientClosedError(error);
    if (this.abort?.isArmed && this.signal.aborted) return this.signal.reason;
    return error;
  }

  firstContent(): void {
    this.firstAt = this.timing.clock.now();
  }

  finished(part: Extract<StreamPart, { type: 'finish' }>): void {
    const { clock, stats } = this.timing;
    record(
      stats,
      this.entry.key,
      this.firstAt - this.started,
      outputTokensPerSecond(part.usage.outputTokens.total, clock.now() - this.firstAt),
    );
  }

  /** The call as the provider gets it: the same object when it already carries the router's request and signal. */
  private callWith(call: ProviderCall): ProviderCall {
    return call.request === this.request && call.signal === this.signal
      ? call
      : { ...call, request: this.request, signal: this.signal };
  }

  async generate(call: ProviderCall): Promise<GenerateResult> {
    try {
      const pending = this.provider.generate(this.callWith(call));
      const result = this.abort ? await this.abort.race(pending) : await pending;
      const elapsed = this.timing.clock.now() - this.started;
      record(
        this.timing.stats,
        this.entry.key,
        elapsed,
        outputTokensPerSecond(result.usage.outputTokens.total, elapsed),
      );
      return result;
    } catch (error) {
      throw this.failure(error);
    }
  }

  async stream(call: ProviderCall): Promise<StreamResult> {
    try {
      const pending = this.provider.stream(this.callWith(call));
      const result = this.abort ? await this.abort.race(pending) : await pending;
      return { ...result, stream: new WatchedStream(result.stream, this) };
    } catch (error) {
      throw this.failure(error);
    }
  }
}

/**
 * Runs one attempt through core's `runAttempt` (which records it on `context.attempts` and
 * primes streams up to their first content), with the router's timeouts: the adapter gets one
 * signal that aborts with the client, the attempt's timer or the total deadline (`AttemptAbort`,
 * one timer at most: both timeouts of a stream bound its first content, so only the shorter can
 * fire), and an attempt that times out fails with a retryable 504 (recorded as such). The
 * client's own abort becomes a 499 `client_closed_request`. Timers stop once the result (or the
 * stream's first content) is in; after that the stream belongs to the client. Successful
 * attempts feed the latency stats. Untimed, the adapter gets the client's signal and the
 * attempt costs no timer, listener or extra promise.
 */
export function runTimedAttempt(
  context: GatewayContext,
  entry: PlanEntry,
  provider: ProviderAdapter,
  options: TimedAttemptOptions,
): Promise<void> {
  const streamed = context.request.stream;
  const { timing } = options;
  const firstTokenMs = streamed ? (entry.firstTokenTimeoutMs ?? timing.firstTokenTimeoutMs) : undefined;
  // Vercel's providerTimeouts bound "the start of the response": the whole call when not streamed.
  const attemptMs = streamed
    ? timing.attemptTimeoutMs
    : minimum(timing.attemptTimeoutMs, entry.firstTokenTimeoutMs);
  const timed = attemptMs !== undefined || firstTokenMs !== undefined || options.deadline !== undefined;
  if (!timed) {
    const adapter = new TimedAdapter(
      context,
      entry,
      provider,
      options.request,
      context.signal,
      undefined,
      timing,
    );
    return runAttempt(context, {
      model: entry.model,
      provider: adapter,
      providerModelId: entry.providerModelId,
    });
  }
  return runArmedAttempt(context, entry, provider, options, attemptMs, firstTokenMs);
}

async function runArmedAttempt(
  context: GatewayContext,
  entry: PlanEntry,
  provider: ProviderAdapter,
  options: TimedAttemptOptions,
  attemptMs: number | undefined,
  firstTokenMs: number | undefined,
): Promise<void> {
  const streamed = context.request.stream;
  const abort = new AttemptAbort(options.deadline ? [context.signal, options.deadline] : [context.signal]);
  // Both bound the same moment (the result, or a stream's first content): the shorter fires
  // first, the attempt timeout on a tie (it was the first timer armed when there were two).
  if (firstTokenMs !== undefined && (attemptMs === undefined || firstTokenMs < attemptMs)) {
    abort.arm(firstTokenMs, () =>
      timeoutError(
        `${entry.provider} sent no output within ${firstTokenMs} ms.`,
        'first_token_timeout',
        entry.provider,
      ),
    );
  } else {
    abort.arm(attemptMs, () =>
      timeoutError(
        `${entry.provider} did not answer within ${attemptMs} ms.`,
        'attempt_timeout',
        entry.provider,
      ),
    );
  }
  const adapter = new TimedAdapter(
    context,
    entry,
    provider,
    options.request,
    abort.signal,
    abort,
    options.timing,
  );
  try {
    await runAttempt(context, {
      model: entry.model,
      provider: adapter,
      providerModelId: entry.providerModelId,
    });
  } catch (error) {
    abort.release();
    throw error;
  }
  // A result is complete; a primed stream keeps the client's abort wired until it ends.
  if (streamed) abort.disarm();
  else abort.release();
}

function minimum(a: number | undefined, b: number | undefined): number | undefined {
  if (a === undefined) return b;
  if (b === undefined) return a;
  return Math.min(a, b);
}
