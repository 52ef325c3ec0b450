import { runMigrations, type SqlClient } from '@signalbox/core';
import { decodeCursor, encodeCursor } from './log-filter.js';
import type { RequestLogRecord } from './log-record.js';
import type { LogPage, LogQuery, LogStore, UsageQuery, UsageReport } from './log-store.js';
import { usageSql, usageReportOf, type UsageSqlRow } from './postgres-usage.js';

/** Options of `PostgresLogStore`. */
export interface PostgresLogStoreOptions {
  /** A node-postgres `Pool` (or anything with its `query`). */
  client: SqlClient;
  /** Table name; default `signalbox_request_log`. */
  table?: string;
  /** Records older than this are deleted; default 30 days; `false` keeps them forever. */
  retentionMs?: number | false;
  /** How often old records are deleted (an unref'd timer); default 1 hour. */
  pruneIntervalMs?: number;
  /** Time source for the retention; default `Date.now`. */
  now?: () => number;
}

const DAY = 86_400_000;

function sqlIdentifier(value: string): string {
  if (!/^[a-z_][a-z0-9_]{0,62}(\.[a-z_][a-z0-9_]{0,62})?$/.test(value)) {
    throw new TypeError(
      `PostgresLogStore table must be a lower-case SQL identifier (letters, digits, '_'), got '${value}'`,
    );
  }
  return value;
}

/**
 * The request log in PostgreSQL (the same database as the ledger works): one row per generation
 * id with indexed columns for filters and aggregates (`numeric` cost, exact) and the whole record
 * as `jsonb`. A batch is one `INSERT ... SELECT FROM jsonb_array_elements($1)` round trip.
 * Aggregates are computed in SQL (`percentile_cont` for P50/P95). Records older than the
 * retention are deleted periodically (an unref'd timer, started by `init`, stopped by `close`).
 */
export class PostgresLogStore implements LogStore {
  private readonly client: SqlClient;
  /** The table's name. */
  readonly table: string;
  private readonly retentionMs: number | false;
  private readonly pruneIntervalMs: number;
  private readonly now: () => number;
  private ready: Promise<void> | undefined;
  private timer: ReturnType<typeof setInterval> | undefined;

  constructor(options: PostgresLogStoreOptions) {
    this.client = options.client;
    this.table = sqlIdentifier(options.table ?? 'signalbox_request_log');
    this.retentionMs = options.retentionMs ?? 30 * DAY;
    this.pruneIntervalMs = options.pruneIntervalMs ?? 3_600_000;
    this.now = options.now ?? Date.now;
  }

  /** Creates the table and its indexes (migrations namespace `observability`), starts the pruning. */
  init(): Promise<void> {
    const table = this.table;
    const index = table.replace('.', '_');
    this.ready ??= runMigrations(this.client, 'observability', [
      {
        id: `001-create-${table}`,
        sql: `CREATE TABLE IF NOT EXISTS ${table} (
          generation_id text COLLATE "C" PRIMARY KEY,
          time timestamptz NOT NULL,
          endpoint text NOT NULL,
          principal_id text COLLATE "C",
          project_id text COLLATE "C",
          key_prefix text COLLATE "C",
          requested_model text COLLATE "C" NOT NULL,
          model text COLLATE "C" NOT NULL,
          provider text COLLATE "C",
          status integer NOT NULL,
          is_error boolean NOT NULL,
          cache_status text,
          stream boolean NOT NULL,
          input_tokens bigint,
          output_tokens bigint,
          cache_read_tokens bigint,
          cache_write_tokens bigint,
          reasoning_tokens bigint,
          cost numeric,
          latency_ms double precision NOT NULL,
          ttft_ms double precision,
          record jsonb NOT NULL);
        CREATE INDEX IF NOT EXISTS ${index}_time ON ${table} (time DESC, generation_id DESC);
        CREATE INDEX IF NOT EXISTS ${index}_model ON ${table} (model, time);
        CREATE INDEX IF NOT EXISTS ${index}_principal ON ${table} (principal_id, time);
        CREATE INDEX IF NOT EXISTS ${index}_project ON ${table} (project_id, time);`,
      },
    ]).then(
      () => this.startPruning(),
      (error: unknown) => {
        this.ready = undefined; // try again on the next call
        throw error;
      },
    );
    return this.ready;
  }

  private startPruning(): void {
    if (this.retentionMs === false || this.timer !== undefined) return;
    this.timer = setInterval(() => {
      this.prune().catch(() => {
        // The next tick tries again; a failing database is reported by the writes.
      });
    }, this.pruneIntervalMs);
    this.timer.unref();
  }

  async write(records: readonly RequestLogRecord[]): Promise<void> {
    if (records.length === 0) return;
    await this.init();
    await this.client.query(
      `INSERT INTO ${this.table} (generation_id, time, endpoint, principal_id, project_id, key_prefix,
         requested_model, model, provider, status, is_error, cache_status, stream, input_tokens,
         output_tokens, cache_read_tokens, cache_write_tokens, reasoning_tokens, cost, latency_ms,
         ttft_ms, record)
       SELECT r->>'generationId', (r->>'time')::timestamptz, r->>'endpoint', r->>'principalId',
         r->>'projectId', r->>'keyPrefix', r->>'requestedModel', r->>'model', r->>'provider',
         (r->>'status')::integer, ((r->>'status')::integer >= 400 OR r->>'error' IS NOT NULL),
         r->>'cacheStatus', (r->>'stream')::boolean, (r->'tokens'->>'input')::bigint,
         (r->'tokens'->>'output')::bigint, (r->'tokens'->>'cacheRead')::bigint,
         (r->'tokens'->>'cacheWrite')::bigint, (r->'tokens'->>'reasoning')::bigint,
         (r->'cost'->>'total')::numeric, (r->>'latencyMs')::double precision,
         (r->>'ttftMs')::double precision, r
       FROM jsonb_array_elements($1::jsonb) AS r
       ON CONFLICT (generation_id) DO NOTHING`,
      [jsonForPostgres(records)],
    );
  }

  /** The record of one generation, or undefined. */
  async get(generationId: string): Promise<RequestLogRecord | undefined> {
    await this.init();
    const { rows } = await this.client.query<{ record: RequestLogRecord }>(
      `SELECT record FROM ${this.table} WHERE generation_id = $1`,
      [generationId],
    );
    return rows[0]?.record;
  }

  /** Records matching the filters, newest first, a page at a time (keyset pagination). */
  async list(query: LogQuery = {}): Promise<LogPage> {
    await this.init();
    const conditions: string[] = [];
    const params: unknown[] = [];
    const param = (value: unknown) => {
      params.push(value);
      return `$${params.length}`;
    };
    if (query.model !== undefined) {
      const value = param(query.model);
      conditions.push(`(model = ${value} OR requested_model = ${value})`);
    }
    if (query.key !== undefined) {
      const value = param(query.key);
      conditions.push(`(principal_id = ${value} OR key_prefix = ${value})`);
    }
    if (query.project !== undefined) conditions.push(`project_id = ${param(query.project)}`);
    if (query.provider !== undefined) conditions.push(`provider = ${param(query.provider)}`);
    if (query.status !== undefined) conditions.push(statusCondition(query.status, param));
    if (query.cache === 'none') conditions.push('cache_status IS NULL');
    else if (query.cache !== undefined) conditions.push(`cache_status = ${param(query.cache)}`);
    if (query.from !== undefined) conditions.push(`time >= ${param(query.from)}::timestamptz`);
    if (query.to !== undefined) conditions.push(`time < ${param(query.to)}::timestamptz`);
    const after = query.cursor === undefined ? undefined : decodeCursor(query.cursor);
    if (after) {
      conditions.push(
        `(time, generation_id) < (${param(after.time)}::timestamptz, ${param(after.generationId)})`,
      );
    }
    const limit = query.limit ?? 50;
    const { rows } = await this.client.query<{ record: RequestLogRecord }>(
      `SELECT record FROM ${this.table} ${conditions.length ? `WHERE ${conditions.join(' AND ')}` : ''}
       ORDER BY time DESC, generation_id DESC LIMIT ${param(limit + 1)}`,
      params,
    );
    const records = rows.slice(0, limit).map((row) => row.record);
    const last = records.at(-1);
    return {
      records,
      nextCursor:
        rows.length > limit && last
          ? encodeCursor({ time: last.time, generationId: last.generationId })
          : null,
    };
  }

  /** Aggregates computed in SQL (date_trunc buckets, percentile_cont). */
  async usage(query: UsageQuery): Promise<UsageReport> {
    await this.init();
    const { text, params } = usageSql(this.table, query);
    const { rows } = await this.client.query<UsageSqlRow>(text, params);
    return usageReportOf(rows, query);
  }

  /** Deletes records older than the retention; resolves to how many. */
  async prune(): Promise<number> {
    if (this.retentionMs === false) return 0;
    await this.init();
    const cutoff = new Date(this.now() - this.retentionMs).toISOString();
    const result = await this.client.query(`DELETE FROM ${this.table} WHERE time < $1::timestamptz`, [
      cutoff,
    ]);
    return result.rowCount ?? 0;
  }

  /** Stops the pruning timer (the client is the caller's to end). */
  async close(): Promise<void> {
    if (this.timer !== undefined) clearInterval(this.timer);
    this.timer = undefined;
  }
}

/**
 * JSON text Postgres accepts as `jsonb`: it refuses the NUL character (`\u0000`), which a prompt
 * may contain, so NULs become U+FFFD (an escaped backslash before `u0000` is left alone).
 */
export function jsonForPostgres(value: unknown): string {
  return JSON.stringify(value).replace(/(?<!\\)((?:\\\\)*)\\u0000/g, '$1\\ufffd');
}

function statusCondition(filter: string, param: (value: unknown) => string): string {
  if (filter === 'success') return 'NOT is_error';
  if (filter === 'error') return 'is_error';
  const klass = /^([1-5])xx$/i.exec(filter);
  if (klass) {
    const low = Number(klass[1]) * 100;
    return `status BETWEEN ${param(low)} AND ${param(low + 99)}`;
  }
  return `status = ${param(Number(filter))}`;
}
