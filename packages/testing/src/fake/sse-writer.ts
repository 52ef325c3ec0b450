import type { Faults } from '@signalbox/provider-mock';
import { pause } from './fault-plan.js';
import type { Exchange } from './fake-server.js';

/**
 * What a frame is, for the stream faults: `meta` frames carry no output (a role chunk,
 * `message_start`, `ping`, block starts and stops), `content` frames carry output (counted by
 * `drop-<n>`), `final` frames close the stream (left out by `truncate`).
 */
export type FrameKind = 'meta' | 'content' | 'final';

/** Writes SSE frames one at a time, honouring the stream faults. */
export interface SseWriter {
  /** Writes a frame and waits until it is flushed; false when the stream is over (dropped, aborted). */
  write(frame: string, kind: FrameKind): Promise<boolean>;
  /** Ends the response, unless it was dropped or aborted. */
  end(): void;
}

/**
 * Sends the 200 head of an event stream and returns a writer for its frames. `drip-<ms>` waits
 * between frames, `drop-<n>` destroys the socket after n content frames (or before the final
 * frames, so a dropped stream never completes), `truncate` skips the final frames, and
 * `bad-json` inserts `badFrame` after the first frame.
 */
export function openSse(
  exchange: Exchange,
  faults: Faults,
  headers: Record<string, string>,
  badFrame: string,
): SseWriter {
  const { response, signal } = exchange;
  response.writeHead(200, {
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-cache',
    connection: 'keep-alive',
    ...headers,
  });
  response.flushHeaders();
  let written = 0;
  let content = 0;
  let stopped = false;

  const flush = (text: string) =>
    new Promise<void>((resolve) => {
      const onAbort = () => resolve();
      signal.addEventListener('abort', onAbort, { once: true });
      response.write(text, () => {
        signal.removeEventListener('abort', onAbort);
        resolve();
      });
    });

  return {
    async write(frame, kind) {
      if (stopped || signal.aborted) return false;
      if (kind === 'final' && faults.truncate) return true;
      const drop = faults.dropAfter;
      if (drop !== undefined && (kind === 'final' || (kind === 'content' && content >= drop))) {
        stopped = true;
        exchange.destroy();
        return false;
      }
      if (faults.dripMs && written > 0 && !(await pause(faults.dripMs, signal))) return false;
      await flush(frame);
      written += 1;
      if (kind === 'content') content += 1;
      if (written === 1 && faults.badJson) await flush(badFrame);
      return !signal.aborted;
    },
    end() {
      if (!stopped && !signal.aborted) response.end();
    },
  };
}
