/** A request the watch looks after: its abort signal, and what to do once the grace period is over. */
export interface WatchedRequest {
  readonly signal: AbortSignal;
  /** When the watch first saw the signal aborted (ms, `Date.now()`); set by the watch. */
  abortedAt: number | undefined;
  /** Called once, `graceMs` or a little more after the abort, unless `unwatch` came first. */
  expire(): void;
}

/**
 * Watches requests for client aborts without a listener on each request's signal: one shared
 * timer, running while requests are watched, checks every watched signal a few times per grace
 * period and expires a request `graceMs` (to `graceMs` + two checks) after it saw it aborted.
 * `watch` and `unwatch` are a Set's add and delete, where an abort listener costs an
 * `addEventListener` and a `removeEventListener` (with their allocations) on every request.
 */
export class AbortWatch {
  private readonly watched = new Set<WatchedRequest>();
  private timer: ReturnType<typeof setInterval> | undefined;
  /** How often the signals are checked: an eighth of the grace period, 5 ms to 125 ms. */
  readonly intervalMs: number;

  constructor(private readonly graceMs: number) {
    this.intervalMs = Math.min(125, Math.max(5, Math.ceil(graceMs / 8)));
  }

  /** Looks after a request until `unwatch` (or its expiry). */
  watch(request: WatchedRequest): void {
    this.watched.add(request);
    if (request.signal.aborted) request.abortedAt ??= Date.now();
    if (this.timer === undefined) {
      this.timer = setInterval(() => this.check(), this.intervalMs);
      this.timer.unref?.();
    }
  }

  /** Stops looking after a request (it ended). */
  unwatch(request: WatchedRequest): void {
    this.watched.delete(request);
  }

  /** How many requests are watched. */
  get size(): number {
    return this.watched.size;
  }

  /** One round of checks; the timer stops when nothing is watched. */
  check(): void {
    if (this.watched.size === 0) {
      clearInterval(this.timer);
      this.timer = undefined;
      return;
    }
    const now = Date.now();
    for (const request of this.watched) {
      if (request.abortedAt === undefined) {
        if (request.signal.aborted) request.abortedAt = now;
      } else if (now - request.abortedAt >= this.graceMs) {
        this.watched.delete(request);
        try {
          request.expire();
        } catch {
          // one request's failure does not stop the others' expiry
        }
      }
    }
  }
}
