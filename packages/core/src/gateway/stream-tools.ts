import { GatewayError } from '../errors/gateway-error.js';
import { isContentPart, type StreamPart } from '../spec/v1/stream-part.js';

/**
 * Calls `onPart` for every part as it passes, without buffering; `onEnd` once when the stream
 * ends, fails or is abandoned by its consumer. The way middlewares observe a stream.
 */
export async function* tapStream(
  stream: AsyncIterable<StreamPart>,
  onPart: (part: StreamPart) => void,
  onEnd?: (outcome: { completed: boolean; error?: unknown }) => void,
): AsyncGenerator<StreamPart> {
  let completed = false;
  let failure: unknown;
  try {
    for await (const part of stream) {
      onPart(part);
      yield part;
    }
    completed = true;
  } catch (error) {
    failure = error;
    throw error;
  } finally {
    onEnd?.({ completed, error: failure });
  }
}

/**
 * Reads a stream up to its first content part, so that failures before any output become
 * rejections (and thus real HTTP statuses, or a fallback to another provider). Resolves to a
 * stream that replays what was read, then continues. Nothing is buffered past the first content part.
 */
export async function primeStream(stream: AsyncIterable<StreamPart>): Promise<AsyncIterable<StreamPart>> {
  const iterator = stream[Symbol.asyncIterator]();
  const head: StreamPart[] = [];
  try {
    for (;;) {
      const next = await iterator.next();
      if (next.done) {
        throw new GatewayError('The provider stream ended before any output.', {
          status: 502,
          type: 'upstream_error',
        });
      }
      const part = next.value;
      if (part.type === 'error') throw part.error;
      head.push(part);
      if (isContentPart(part)) break;
    }
  } catch (error) {
    await iterator.return?.();
    throw error;
  }
  return (async function* primed() {
    try {
      yield* head;
      for (;;) {
        const next = await iterator.next();
        if (next.done) return;
        yield next.value;
      }
    } finally {
      await iterator.return?.();
    }
  })();
}

/**
 * Ensures a stream ends properly: a stream that stops without `finish` (a truncated upstream)
 * gets an `error` part, and a throw becomes an `error` part too.
 */
export async function* guardStream(stream: AsyncIterable<StreamPart>): AsyncGenerator<StreamPart> {
  let finished = false;
  try {
    for await (const part of stream) {
      if (part.type === 'finish') finished = true;
      yield part;
      if (part.type === 'error') return;
    }
  } catch (error) {
    yield { type: 'error', error };
    return;
  }
  if (!finished) {
    yield {
      type: 'error',
      error: new GatewayError('The provider stream ended before completion.', {
        status: 502,
        type: 'upstream_error',
      }),
    };
  }
}
