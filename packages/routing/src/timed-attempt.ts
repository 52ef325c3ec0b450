import {
  type ChatRequest,
  type Clock,
  type GatewayContext,
  isContentPart,
  type ProviderAdapter,
  type ProviderCall,
  runAttempt,
  type StreamPart,
  type StreamResult,
} from '@signalbox/core';
import { clientClosedError, timeoutError } from './abort.js';
import { AttemptAbort } from './attempt-abort.js';
import type { PlanEntry } from './plan.js';
import type { ProviderStats } from './provider-stats.js';

/** What one timed attempt needs besides the context and the plan entry. */
export interface TimedAttemptOptions {
  /** The request as providers see it (routing fields removed). */
  request: ChatRequest;
  /** Bounds the call (non-streamed) or the time to the first content (streamed). */
  attemptTimeoutMs?: number;
  /** Streams only: bounds the time to the first content part. */
  firstTokenTimeoutMs?: number;
  /** Aborted when the router's total deadline passes (its reason is the 504 to report). */
  deadline?: AbortSignal;
  stats: ProviderStats;
  clock: Clock;
}

function outputTokensPerSecond(tokens: number | undefined, milliseconds: number): number | undefined {
  return tokens === undefined || milliseconds <= 0 ? undefined : (tokens * 1000) / milliseconds;
}

/**
 * Runs one attempt through core's `runAttempt` (which records it on `context.attempts` and
 * primes streams up to their first content), with the router's timeouts: the adapter gets
 * `AbortSignal.any([client, attempt timers, total deadline])`, and an attempt that times out
 * fails with a retryable 504 (recorded as such). The client's own abort becomes a 499
 * `client_closed_request`. Timers stop once the result (or the stream's first content) is in;
 * after that the stream belongs to the client. Successful attempts feed the latency stats.
 */
export async function runTimedAttempt(
  context: GatewayContext,
  entry: PlanEntry,
  provider: ProviderAdapter,
  options: TimedAttemptOptions,
): Promise<void> {
  const { clock, stats } = options;
  const streamed = context.request.stream;
  const firstTokenMs = streamed ? (entry.firstTokenTimeoutMs ?? options.firstTokenTimeoutMs) : undefined;
  // Vercel's providerTimeouts bound "the start of the response": the whole call when not streamed.
  const attemptMs = streamed
    ? options.attemptTimeoutMs
    : minimum(options.attemptTimeoutMs, entry.firstTokenTimeoutMs);
  const timed = attemptMs !== undefined || firstTokenMs !== undefined || options.deadline !== undefined;
  const abort = timed
    ? new AttemptAbort(options.deadline ? [context.signal, options.deadline] : [context.signal])
    : undefined;
  const signal = abort?.signal ?? context.signal;
  abort?.arm(attemptMs, () =>
    timeoutError(
      `${entry.provider} did not answer within ${attemptMs} ms.`,
      'attempt_timeout',
      entry.provider,
    ),
  );
  abort?.arm(firstTokenMs, () =>
    timeoutError(
      `${entry.provider} sent no output within ${firstTokenMs} ms.`,
      'first_token_timeout',
      entry.provider,
    ),
  );
  const failure = (error: unknown): unknown => {
    if (context.signal.aborted) return clientClosedError(error);
    if (abort?.isArmed && signal.aborted) return signal.reason;
    return error;
  };
  const started = clock.now();
  const callWith = (call: ProviderCall): ProviderCall => ({ ...call, request: options.request, signal });

  async function* watch(source: AsyncIterable<StreamPart>): AsyncGenerator<StreamPart> {
    const iterator = source[Symbol.asyncIterator]();
    let firstAt: number | undefined;
    let finished = false;
    try {
      for (;;) {
        const next = abort?.isArmed ? await abort.race(iterator.next()) : await iterator.next();
        if (next.done) {
          finished = true;
          return;
        }
        const part = next.value;
        if (part.type === 'error' && abort?.isArmed && signal.aborted) throw part.error;
        if (firstAt === undefined && isContentPart(part)) firstAt = clock.now();
        if (part.type === 'finish' && firstAt !== undefined) {
          const tokensPerSecond = outputTokensPerSecond(part.usage.outputTokens.total, clock.now() - firstAt);
          stats.record(entry.key, {
            ttftMs: firstAt - started,
            ...(tokensPerSecond !== undefined && { tokensPerSecond }),
          });
        }
        yield part;
      }
    } catch (error) {
      finished = true;
      throw failure(error);
    } finally {
      // Not awaited: an adapter that ignores its signal may never settle a pending next().
      if (!finished) Promise.resolve(iterator.return?.()).catch(() => {});
      abort?.release();
    }
  }

  const adapter: ProviderAdapter = {
    specificationVersion: 'v1',
    name: provider.name,
    format: provider.format,
    async generate(call) {
      try {
        const pending = provider.generate(callWith(call));
        const result = abort ? await abort.race(pending) : await pending;
        const elapsed = clock.now() - started;
        const tokensPerSecond = outputTokensPerSecond(result.usage.outputTokens.total, elapsed);
        stats.record(entry.key, {
          ttftMs: elapsed,
          ...(tokensPerSecond !== undefined && { tokensPerSecond }),
        });
        return result;
      } catch (error) {
        throw failure(error);
      }
    },
    async stream(call): Promise<StreamResult> {
      try {
        const pending = provider.stream(callWith(call));
        const result = abort ? await abort.race(pending) : await pending;
        return { ...result, stream: watch(result.stream) };
      } catch (error) {
        throw failure(error);
      }
    },
  };

  try {
    await runAttempt(context, {
      model: entry.model,
      provider: adapter,
      providerModelId: entry.providerModelId,
    });
  } catch (error) {
    abort?.release();
    throw error;
  }
  // A result is complete; a primed stream keeps the client's abort wired until it ends.
  if (streamed) abort?.disarm();
  else abort?.release();
}

function minimum(a: number | undefined, b: number | undefined): number | undefined {
  if (a === undefined) return b;
  if (b === undefined) return a;
  return Math.min(a, b);
}
