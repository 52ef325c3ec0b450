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
import { clientClosedError, linkedController, raceAbort, timeoutError } from './abort.js';
import type { PlanEntry } from './plan.js';
import type { ProviderStats } from './provider-stats.js';

/** What one timed attempt needs besides the context and the plan entry. */
export interface TimedAttemptOptions {
  provider: ProviderAdapter;
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
  options: TimedAttemptOptions,
): Promise<void> {
  const { provider, clock, stats } = options;
  const streamed = context.request.stream;
  const firstTokenMs = streamed ? (entry.firstTokenTimeoutMs ?? options.firstTokenTimeoutMs) : undefined;
  // Vercel's providerTimeouts bound "the start of the response": the whole call when not streamed.
  const attemptMs = streamed
    ? options.attemptTimeoutMs
    : minimum(options.attemptTimeoutMs, entry.firstTokenTimeoutMs);
  const timed = attemptMs !== undefined || firstTokenMs !== undefined || options.deadline !== undefined;
  // One controller linked to the client's signal and the deadline; the timers abort it directly.
  const controller = timed
    ? linkedController(options.deadline ? [context.signal, options.deadline] : [context.signal])
    : undefined;
  const signal = controller?.signal ?? context.signal;
  const timers: Array<ReturnType<typeof setTimeout>> = [];
  const arm = (ms: number | undefined, error: () => Error) => {
    if (ms !== undefined && controller) timers.push(setTimeout(() => controller.abort(error()), ms));
  };
  arm(attemptMs, () =>
    timeoutError(`${entry.provider} did not answer within ${attemptMs} ms.`, 'attempt_timeout', entry.provider),
  );
  arm(firstTokenMs, () =>
    timeoutError(`${entry.provider} sent no output within ${firstTokenMs} ms.`, 'first_token_timeout', entry.provider),
  );
  let armed = true;

  const failure = (error: unknown): unknown => {
    if (context.signal.aborted) return clientClosedError(error);
    if (armed && signal.aborted) return signal.reason;
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
        const next = armed ? await raceAbort(iterator.next(), signal) : await iterator.next();
        if (next.done) {
          finished = true;
          return;
        }
        const part = next.value;
        if (part.type === 'error' && armed && signal.aborted) throw part.error;
        if (firstAt === undefined && isContentPart(part)) firstAt = clock.now();
        if (part.type === 'finish' && firstAt !== undefined) {
          const tokensPerSecond = outputTokensPerSecond(part.usage.outputTokens.total, clock.now() - firstAt);
          stats.record(entry.key, { ttftMs: firstAt - started, ...(tokensPerSecond !== undefined && { tokensPerSecond }) });
        }
        yield part;
      }
    } catch (error) {
      finished = true;
      throw failure(error);
    } finally {
      // Not awaited: an adapter that ignores its signal may never settle a pending next().
      if (!finished) Promise.resolve(iterator.return?.()).catch(() => {});
    }
  }

  const adapter: ProviderAdapter = {
    specificationVersion: 'v1',
    name: provider.name,
    format: provider.format,
    async generate(call) {
      try {
        const result = await raceAbort(provider.generate(callWith(call)), signal);
        const elapsed = clock.now() - started;
        const tokensPerSecond = outputTokensPerSecond(result.usage.outputTokens.total, elapsed);
        stats.record(entry.key, { ttftMs: elapsed, ...(tokensPerSecond !== undefined && { tokensPerSecond }) });
        return result;
      } catch (error) {
        throw failure(error);
      }
    },
    async stream(call): Promise<StreamResult> {
      try {
        const result = await raceAbort(provider.stream(callWith(call)), signal);
        return { ...result, stream: watch(result.stream) };
      } catch (error) {
        throw failure(error);
      }
    },
  };

  try {
    await runAttempt(context, { model: entry.model, provider: adapter, providerModelId: entry.providerModelId });
  } finally {
    armed = false;
    for (const timer of timers) clearTimeout(timer);
  }
}

function minimum(a: number | undefined, b: number | undefined): number | undefined {
  if (a === undefined) return b;
  if (b === undefined) return a;
  return Math.min(a, b);
}
