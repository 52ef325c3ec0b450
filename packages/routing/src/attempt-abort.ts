/**
 * One attempt's cancellation: a signal for the adapter that aborts with the client's signal, the
 * total deadline, or the attempt's own timers, and a promise that rejects at the same moment so
 * the router stops waiting even for an adapter that ignores its signal.
 *
 * Cheaper than `AbortSignal.any` (~20 µs per call on Node 20) plus a listener per awaited call:
 * one controller, one listener per source, one shared rejection.
 */
export class AttemptAbort {
  readonly signal: AbortSignal;
  /** Rejects with the abort reason when the attempt is aborted; never resolves. */
  readonly aborted: Promise<never>;
  private readonly controller = new AbortController();
  private readonly timers: Array<ReturnType<typeof setTimeout>> = [];
  private reject: (reason: unknown) => void = () => {};
  private armed = true;
  private readonly listeners: Array<{ source: AbortSignal; listener: () => void }> = [];

  constructor(sources: AbortSignal[]) {
    this.signal = this.controller.signal;
    this.aborted = new Promise<never>((_, reject) => {
      this.reject = reject;
    });
    this.aborted.catch(() => {}); // observed through race(); never an unhandled rejection
    for (const source of sources) {
      if (source.aborted) {
        this.abort(source.reason);
        break;
      }
      const listener = () => this.abort(source.reason);
      source.addEventListener('abort', listener, { once: true });
      this.listeners.push({ source, listener });
    }
  }

  /** Whether the timers still run (until the result or the stream's first content is in). */
  get isArmed(): boolean {
    return this.armed;
  }

  /** Aborts the attempt now (once; later calls are ignored). */
  abort(reason: unknown): void {
    if (this.controller.signal.aborted) return;
    this.controller.abort(reason);
    this.reject(reason);
  }

  /** Aborts with `error()` after `ms`, unless disarmed first. */
  arm(ms: number | undefined, error: () => Error): void {
    if (ms !== undefined) this.timers.push(setTimeout(() => this.abort(error()), ms));
  }

  /** Stops the timers: from now on only the client's own abort (or the deadline's) cancels. */
  disarm(): void {
    this.armed = false;
    for (const timer of this.timers) clearTimeout(timer);
  }

  /**
   * Disarms and stops listening to the sources: the attempt is over (failed, or answered in full),
   * so nothing remains to cancel. A primed stream is released when it ends instead.
   */
  release(): void {
    this.disarm();
    for (const { source, listener } of this.listeners) source.removeEventListener('abort', listener);
    this.listeners.length = 0;
  }

  /** Settles like `promise`, or rejects as soon as the attempt is aborted. */
  race<T>(promise: Promise<T>): Promise<T> {
    return Promise.race([promise, this.aborted]);
  }
}
