import type { StreamPart } from '@signalbox/core';

/** Options of {@link guardUpstreamStream}. */
export interface GuardUpstreamStreamOptions {
  /** The call's signal: once aborted, failures are rethrown as they are, not turned into parts. */
  signal: AbortSignal;
  /**
   * Frees the upstream response (`releaseBody`); called once, however the stream ends, with
   * `completed` true when the source ran to its end (then the body may be drained for reuse).
   */
  release: (outcome: { completed: boolean }) => void;
}

/**
 * Wraps an adapter's stream of parts so that:
 *
 * - a throw (a reset mid-stream, a body timeout) becomes an `error` part, as the adapter
 *   contract wants, unless the call was aborted (then the abort propagates as is);
 * - nothing is read after an `error` part;
 * - the upstream response is released when the stream completes, fails, or its consumer stops
 *   early, even a consumer that never started iterating (a generator's `return()` before its
 *   first `next()` would not run its `finally`).
 */
export function guardUpstreamStream(
  parts: AsyncIterable<StreamPart>,
  options: GuardUpstreamStreamOptions,
): AsyncIterable<StreamPart> {
  let released = false;
  const release = (completed: boolean) => {
    if (released) return;
    released = true;
    options.release({ completed });
  };
  async function* guarded(): AsyncGenerator<StreamPart> {
    let completed = false;
    try {
      for await (const part of parts) {
        yield part;
        if (part.type === 'error') return;
      }
      completed = true;
    } catch (error) {
      if (options.signal.aborted) throw error;
      yield { type: 'error', error };
    } finally {
      release(completed);
    }
  }
  const generator = guarded();
  return {
    [Symbol.asyncIterator]: () => ({
      next: () => generator.next(),
      async return(value?: unknown) {
        release(false);
        return generator.return(value as undefined);
      },
      throw: (error?: unknown) => generator.throw(error),
      [Symbol.asyncIterator]() {
        return this;
      },
    }),
  };
}
