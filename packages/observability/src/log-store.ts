import type { RequestLogRecord } from './log-record.js';

/** Which records to list, newest first. */
export interface LogQuery {
  /** The model used or the model requested. */
  model?: string;
  /** A principal id or key prefix. */
  key?: string;
  project?: string;
  provider?: string;
  /** `success`, `error`, a class (`4xx`, `5xx`) or an exact status (`429`). */
  status?: string;
  /** `HIT`, `MISS`, `BYPASS`, or `none` (the cache was not involved). */
  cache?: 'HIT' | 'MISS' | 'BYPASS' | 'none';
  /** ISO time: records that started at or after it. */
  from?: string;
  /** ISO time: records that started before it. */
  to?: string;
  /** 1..500; default 50. */
  limit?: number;
  /** The `nextCursor` of the previous page. */
  cursor?: string;
}

/** One page of records, newest first. */
export interface LogPage {
  records: RequestLogRecord[];
  /** Pass as `cursor` for the next page; `null` on the last one. */
  nextCursor: string | null;
}

/** What to aggregate. */
export interface UsageQuery {
  /** ISO time, inclusive. */
  from: string;
  /** ISO time, exclusive. */
  to: string;
  /** Time bucket width (UTC). */
  bucket: 'hour' | 'day';
  groupBy: 'model' | 'provider' | 'project' | 'key' | 'none';
}

/** Aggregated figures of a set of requests. */
export interface UsageMetrics {
  requests: number;
  errors: number;
  cacheHits: number;
  /** USD, decimal string (exact): the sum of what principals were charged. */
  spend: string;
  inputTokens: number;
  outputTokens: number;
  cacheReadTokens: number;
  cacheWriteTokens: number;
  reasoningTokens: number;
  /** Milliseconds; `null` when no request had one. */
  ttftP50: number | null;
  ttftP95: number | null;
  latencyP50: number | null;
  latencyP95: number | null;
}

/** The figures of one group (model, provider, project or key), in one bucket or over the range. */
export interface UsageRow extends UsageMetrics {
  /** ISO start of the bucket; `null` in `totals`. */
  bucket: string | null;
  /** The group's value (`null` when the records have none, e.g. no project). */
  group: string | null;
  /** What to show for the group (the key prefix for `key`; otherwise the group). */
  label: string | null;
}

/** Usage over a time range, bucketed and by group, with totals. */
export interface UsageReport {
  object: 'usage';
  from: string;
  to: string;
  bucket: UsageQuery['bucket'];
  groupBy: UsageQuery['groupBy'];
  /** One row per (bucket, group) with requests, oldest bucket first, then by group. */
  series: UsageRow[];
  /** One row per group over the whole range, by group. */
  totals: UsageRow[];
  /** The whole range. */
  total: UsageMetrics;
}

/**
 * Where request records are kept. Writes come in batches from the log's queue, off the
 * request's path; a write that throws drops its batch (counted), never the request.
 */
export interface LogStore {
  /** Creates tables and the like; called before the first use (again after a failure). */
  init?(): Promise<void>;
  /** Writes records; a record already stored (same generation id) is kept as it is. */
  write(records: readonly RequestLogRecord[]): Promise<void>;
  /** The record of one generation, or undefined. */
  get(generationId: string): Promise<RequestLogRecord | undefined>;
  /** Records matching the filters, newest first, a page at a time (`cursor` for the next). */
  list(query?: LogQuery): Promise<LogPage>;
  /** Spend, requests, tokens and TTFT/latency percentiles, bucketed by hour or day and grouped. */
  usage(query: UsageQuery): Promise<UsageReport>;
  /** Deletes records older than the retention (the Postgres store also does it periodically). */
  prune?(): Promise<number>;
  /** Stops background work (retention timers); the caller closes its own database client. */
  close?(): Promise<void>;
}
