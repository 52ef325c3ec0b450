import { isContentPart, type StreamPart } from '@signalbox/core';
import type { AttemptAbort } from './attempt-abort.js';

/** What a watched stream reports to its attempt. */
export interface StreamWatcher {
  /** The attempt's cancellation, when it is timed. */
  readonly abort: AttemptAbort | undefined;
  /** The signal the provider got (the attempt's, or the client's). */
  readonly signal: AbortSignal;
  /** The error to report for a failure of the attempt (client abort -> 499, timer -> its 504). */
  failure(error: unknown): unknown;
  /** The first content part arrived. */
  firstContent(): void;
  /** The `finish` part arrived (after content). */
  finished(part: Extract<StreamPart, { type: 'finish' }>): void;
}

const DONE: IteratorReturnResult<undefined> = Object.freeze({ done: true, value: undefined });

function ignore(): void {}

/**
 * A provider's stream as the router hands it on: while the attempt's timers run, every read is
 * raced against them (an adapter that ignores its signal cannot hang the attempt); the first
 * content part and the `finish` part are reported; a failure is mapped by the attempt; the
 * attempt's abort is released once the stream ends, fails or is abandoned (then the provider's
 * iterator is told to stop, not awaited: an adapter that ignores its signal may never settle).
 *
 * Written by hand rather than as an async generator: one promise per part instead of a
 * generator's queue and resumptions, on every part of every streamed response. Reads are
 * expected one at a time (as `for await` does).
 */
export class WatchedStream implements AsyncIterableIterator<StreamPart> {
  private readonly iterator: AsyncIterator<StreamPart>;
  private readonly watcher: StreamWatcher;
  private sawContent = false;
  /** Ended, failed or abandoned: every later read is done. */
  private closed = false;

  constructor(source: AsyncIterable<StreamPart>, watcher: StreamWatcher) {
    this.iterator = source[Symbol.asyncIterator]();
    this.watcher = watcher;
  }

  [Symbol.asyncIterator](): this {
    return this;
  }

  next(): Promise<IteratorResult<StreamPart>> {
    if (this.closed) return Promise.resolve(DONE);
    const { abort } = this.watcher;
    let pending: Promise<IteratorResult<StreamPart>>;
    try {
      pending = abort?.isArmed ? abort.race(this.iterator.next()) : this.iterator.next();
    } catch (error) {
      return Promise.reject(this.fail(error));
    }
    return pending.then(
      (result) => this.read(result),
      (error: unknown) => {
        throw this.fail(error);
      },
    );
  }

  private read(result: IteratorResult<StreamPart>): IteratorResult<StreamPart> {
    if (this.closed) return DONE;
    if (result.done) {
      this.close();
      return DONE;
    }
    const part = result.value;
    const { watcher } = this;
    if (part.type === 'error' && watcher.abort?.isArmed && watcher.signal.aborted)
      throw this.fail(part.error);
    if (!this.sawContent && isContentPart(part)) {
      this.sawContent = true;
      watcher.firstContent();
    }
    if (part.type === 'finish' && this.sawContent) watcher.finished(part);
    return result;
  }

  /** Ends the stream on a failure (the provider's iterator is not told: it failed or was raced out). */
  private fail(error: unknown): unknown {
    this.close();
    return this.watcher.failure(error);
  }

  private close(): void {
    this.closed = true;
    this.watcher.abort?.release();
  }

  /** The consumer stops early: the provider's iterator is told to stop (not awaited). */
  return(value?: unknown): Promise<IteratorResult<StreamPart>> {
    if (!this.closed) {
      this.close();
      try {
        Promise.resolve(this.iterator.return?.()).catch(ignore);
      } catch {
        // A throwing return() is the provider's own failure to stop; nothing to report.
      }
    }
    return Promise.resolve(value === undefined ? DONE : { done: true, value });
  }

  /** The consumer fails the stream: ends it, rejecting with the attempt's mapping of `error`. */
  throw(error?: unknown): Promise<IteratorResult<StreamPart>> {
    if (this.closed) return Promise.reject(error);
    return Promise.reject(this.fail(error));
  }
}
