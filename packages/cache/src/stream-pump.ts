import type { StreamPart } from '@signalbox/core';
import type { StreamBroadcast } from './stream-broadcast.js';

/**
 * Reads an upstream stream into a broadcast, as fast as its slowest subscriber allows. When the
 * stream completed (a `finish`, no `error`, no throw) and stayed within the broadcast's limit,
 * `onComplete` gets every part before the broadcast ends, so the entry is stored before the
 * last subscriber sees the end; `onUpstreamEnd` runs as soon as the upstream is read to its end
 * (or given up). A throw becomes an `error` part. Never rejects.
 */
export async function pumpStream(
  source: AsyncIterable<StreamPart>,
  broadcast: StreamBroadcast,
  signal: AbortSignal,
  onComplete: (parts: readonly StreamPart[]) => Promise<void>,
  onUpstreamEnd: () => void = () => {},
): Promise<void> {
  const iterator = source[Symbol.asyncIterator]();
  let finished = false;
  let failed = false;
  let done = false;
  try {
    for (;;) {
      await broadcast.waitForRoom(signal);
      const next = await iterator.next();
      if (next.done) {
        done = true;
        break;
      }
      const part = next.value;
      broadcast.push(part);
      if (part.type === 'finish') finished = true;
      else if (part.type === 'error') {
        failed = true;
        break;
      }
    }
  } catch (error) {
    failed = true;
    done = true;
    broadcast.push({ type: 'error', error });
  }
  if (!done) {
    try {
      await iterator.return?.();
    } catch {
      // The upstream is being torn down; nothing more to report.
    }
  }
  onUpstreamEnd();
  try {
    const recorded = broadcast.recorded;
    if (finished && !failed && recorded) await onComplete(recorded);
  } catch {
    // onComplete reports its own failures; the subscribers still get their end.
  } finally {
    broadcast.end();
  }
}
