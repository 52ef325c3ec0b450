import type { RequestLogRecord } from './log-record.js';

/**
 * Receives every completed request's record from `requestLog()` (webhooks, Prometheus metrics,
 * your own). `accept` is called on the request's completion path: it must return at once and
 * never throw (queue the work); a sink that throws is skipped with a warning.
 */
export interface RecordSink {
  readonly name: string;
  /** Takes one completed request record; must not block or throw. */
  accept(record: RequestLogRecord): void;
  /** Delivers what is queued (tests, shutdown). */
  flush?(): Promise<void>;
  /** Flushes and stops timers; called by `gateway.close()` through the log middleware. */
  close?(): Promise<void>;
}
