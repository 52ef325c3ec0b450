/** Where the queue reports dropped items (throttled: at most once per `warnIntervalMs`). */
export interface ObservabilityLogger {
  /** A problem that cost records (never a secret, never request content). */
  warn(message: string, details?: Record<string, unknown>): void;
}

/** A console logger with the gateway's prefix. */
export const consoleObservabilityLogger: ObservabilityLogger = {
  warn: (message, details) => console.warn(`[signalbox] ${message}`, details ?? ''),
};

/** Options of `BatchQueue`. */
export interface BatchQueueOptions<T> {
  /** Delivers one batch; a rejection (or a timeout) drops the batch, counted. */
  send: (batch: T[]) => Promise<void>;
  /** Items held at most; beyond it new items are dropped, counted. Default 10,000. */
  maxQueue?: number;
  /** Items per batch; default 100. */
  batchSize?: number;
  /** A partial batch is sent after this long; default 1,000 ms. */
  flushIntervalMs?: number;
  /** A send taking longer than this counts as failed; default 10,000 ms. */
  sendTimeoutMs?: number;
  /** What the warnings name ("request log store", "webhook https://..."). */
  name: string;
  logger?: ObservabilityLogger;
  /** At most one warning per this long; default 10,000 ms. */
  warnIntervalMs?: number;
}

/** What a queue did so far. */
export interface BatchQueueStats {
  /** Items waiting. */
  queued: number;
  /** Items delivered. */
  sent: number;
  /** Items dropped: the queue was full, or their batch failed. */
  dropped: number;
  /** Batches that failed (each dropped its items). */
  failedBatches: number;
}

/**
 * A bounded, batched, asynchronous queue: `push` never waits and never throws; batches go out
 * one at a time off the caller's path (when full, or after `flushIntervalMs` on an unref'd
 * timer). A failing or hanging destination loses items, counted and reported with a throttled
 * warning, instead of slowing or failing whoever pushes.
 */
export class BatchQueue<T> {
  private readonly items: T[] = [];
  private readonly send: (batch: T[]) => Promise<void>;
  private readonly maxQueue: number;
  private readonly batchSize: number;
  private readonly flushIntervalMs: number;
  private readonly sendTimeoutMs: number;
  private readonly name: string;
  private readonly logger: ObservabilityLogger;
  private readonly warnIntervalMs: number;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private sending: Promise<void> | undefined;
  private lastWarning = Number.NEGATIVE_INFINITY;
  private readonly counts = { sent: 0, dropped: 0, failedBatches: 0 };

  constructor(options: BatchQueueOptions<T>) {
    this.send = options.send;
    this.maxQueue = options.maxQueue ?? 10_000;
    this.batchSize = options.batchSize ?? 100;
    this.flushIntervalMs = options.flushIntervalMs ?? 1_000;
    this.sendTimeoutMs = options.sendTimeoutMs ?? 10_000;
    this.name = options.name;
    this.logger = options.logger ?? consoleObservabilityLogger;
    this.warnIntervalMs = options.warnIntervalMs ?? 10_000;
  }

  /** Queues an item; drops it (counted) when the queue is full. Never throws, never waits. */
  push(item: T): void {
    if (this.items.length >= this.maxQueue) {
      this.counts.dropped += 1;
      this.warn(`${this.name}: queue full (${this.maxQueue}), dropping records`);
      return;
    }
    this.items.push(item);
    if (this.items.length >= this.batchSize) this.kick();
    else this.timer ??= this.schedule();
  }

  /** Counts so far. */
  stats(): BatchQueueStats {
    return { queued: this.items.length, ...this.counts };
  }

  /** Sends everything queued now; resolves when the queue is empty (failed batches are dropped). */
  async flush(): Promise<void> {
    while (this.items.length > 0 || this.sending) {
      this.kick();
      await this.sending;
    }
  }

  /** Stops the timer after a final flush. */
  async close(): Promise<void> {
    await this.flush();
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
  }

  private schedule(): ReturnType<typeof setTimeout> {
    const timer = setTimeout(() => {
      this.timer = undefined;
      this.kick();
    }, this.flushIntervalMs);
    timer.unref();
    return timer;
  }

  private kick(): void {
    if (this.sending || this.items.length === 0) return;
    if (this.timer !== undefined) {
      clearTimeout(this.timer);
      this.timer = undefined;
    }
    this.sending = this.drain().finally(() => {
      this.sending = undefined;
      if (this.items.length > 0) this.timer ??= this.schedule();
    });
  }

  private async drain(): Promise<void> {
    while (this.items.length > 0) {
      const batch = this.items.splice(0, this.batchSize);
      try {
        await this.withTimeout(this.send(batch));
        this.counts.sent += batch.length;
      } catch (error) {
        this.counts.dropped += batch.length;
        this.counts.failedBatches += 1;
        this.warn(`${this.name}: delivery failed, dropped ${batch.length} records`, error);
      }
      if (this.items.length < this.batchSize) return;
    }
  }

  private withTimeout(promise: Promise<void>): Promise<void> {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new Error(`timed out after ${this.sendTimeoutMs} ms`)),
        this.sendTimeoutMs,
      );
      timer.unref();
    });
    return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
  }

  private warn(message: string, error?: unknown): void {
    const now = Date.now();
    if (now - this.lastWarning < this.warnIntervalMs) return;
    this.lastWarning = now;
    this.logger.warn(message, {
      dropped: this.counts.dropped,
      ...(error !== undefined && { error: error instanceof Error ? error.message : String(error) }),
    });
  }
}
