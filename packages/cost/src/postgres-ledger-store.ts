import { runMigrations, type SqlClient } from '@signalbox/core';
import type { LedgerEntry } from './ledger-entry.js';
import type { LedgerQuery, LedgerStore } from './ledger-store.js';
import { sqlIdentifier } from './sql-identifier.js';

/** Options of `PostgresLedgerStore`. */
export interface PostgresLedgerStoreOptions {
  /** A node-postgres `Pool` (or anything with its `query`). */
  client: SqlClient;
  /** Table name; default `signalbox_ledger`. */
  table?: string;
}

/**
 * The ledger in PostgreSQL: one row per generation id (the primary key; `insert` is
 * `ON CONFLICT DO NOTHING`, so a repeated write is a no-op), the entry as `jsonb` plus indexed
 * columns for who, when and how much (`numeric`, exact). Shared by every gateway process.
 */
export class PostgresLedgerStore implements LedgerStore {
  private readonly client: SqlClient;
  readonly table: string;
  private ready: Promise<void> | undefined;

  constructor(options: PostgresLedgerStoreOptions) {
    this.client = options.client;
    this.table = sqlIdentifier(options.table ?? 'signalbox_ledger', 'PostgresLedgerStore table');
  }

  /** Creates the table and its indexes (once per database, under the migrations lock). */
  init(): Promise<void> {
    const index = this.table.replace('.', '_');
    this.ready ??= runMigrations(this.client, `cost.ledger.${this.table}`, [
      {
        id: '001-create-ledger',
        sql: `CREATE TABLE IF NOT EXISTS ${this.table} (
          generation_id text PRIMARY KEY,
          created_at timestamptz NOT NULL,
          principal_id text,
          project_id text,
          model text NOT NULL,
          provider text,
          cost numeric,
          market_cost numeric,
          cached boolean NOT NULL,
          is_byok boolean NOT NULL,
          streamed boolean NOT NULL,
          cancelled boolean NOT NULL,
          status integer NOT NULL,
          entry jsonb NOT NULL);
        CREATE INDEX IF NOT EXISTS ${index}_principal ON ${this.table} (principal_id, created_at);
        CREATE INDEX IF NOT EXISTS ${index}_project ON ${this.table} (project_id, created_at);`,
      },
    ]);
    return this.ready;
  }

  async insert(entry: LedgerEntry): Promise<boolean> {
    await this.init();
    const { rows } = await this.client.query(
      `INSERT INTO ${this.table} (generation_id, created_at, principal_id, project_id, model, provider, cost,
         market_cost, cached, is_byok, streamed, cancelled, status, entry)
       VALUES ($1, $2, $3, $4, $5, $6, $7::numeric, $8::numeric, $9, $10, $11, $12, $13, $14::jsonb)
       ON CONFLICT (generation_id) DO NOTHING RETURNING generation_id`,
      [
        entry.generationId,
        entry.createdAt,
        entry.principalId,
        entry.projectId,
        entry.model,
        entry.provider,
        entry.cost,
        entry.marketCost,
        entry.cached,
        entry.isByok,
        entry.streamed,
        entry.cancelled,
        entry.status,
        JSON.stringify(entry),
      ],
    );
    return rows.length === 1;
  }

  async get(generationId: string): Promise<LedgerEntry | undefined> {
    await this.init();
    const { rows } = await this.client.query<{ entry: LedgerEntry }>(
      `SELECT entry FROM ${this.table} WHERE generation_id = $1`,
      [generationId],
    );
    return rows[0]?.entry;
  }

  async list(query: LedgerQuery = {}): Promise<LedgerEntry[]> {
    await this.init();
    const conditions: string[] = [];
    const params: unknown[] = [];
    const where = (column: string, operator: string, value: unknown) => {
      params.push(value);
      conditions.push(`${column} ${operator} $${params.length}`);
    };
    if (query.principalId !== undefined) where('principal_id', '=', query.principalId);
    if (query.projectId !== undefined) where('project_id', '=', query.projectId);
    if (query.since !== undefined) where('created_at', '>=', query.since);
    params.push(query.limit ?? 100);
    const { rows } = await this.client.query<{ entry: LedgerEntry }>(
      `SELECT entry FROM ${this.table} ${conditions.length ? `WHERE ${conditions.join(' AND ')}` : ''}
       ORDER BY created_at DESC, generation_id DESC LIMIT $${params.length}`,
      params,
    );
    return rows.map((row) => row.entry);
  }
}
