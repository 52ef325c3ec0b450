import { type Migration, runMigrations, type SqlClient } from '@signalbox/core';
import type {
  GatewayKeyPatch,
  GatewayKeyRecord,
  ProjectPatch,
  ProjectRecord,
  RateLimits,
} from './gateway-key.js';
import type { KeyStore } from './key-store.js';

/** Options of {@link PostgresKeyStore}. */
export interface PostgresKeyStoreOptions {
  /** A node-postgres `Pool` (or anything with its `query`). The store does not end it. */
  client: SqlClient;
  /**
   * Prefix of the two tables (`<prefix>projects`, `<prefix>keys`); default `signalbox_auth_`.
   * Lower-case letters, digits and `_`. A different prefix is a separate set of keys.
   */
  tablePrefix?: string;
  /** Called by `close()`, e.g. `() => pool.end()` when the pool was made for this store. */
  onClose?: () => Promise<void> | void;
}

const DEFAULT_PREFIX = 'signalbox_auth_';

interface KeyRow {
  id: string;
  hash: string;
  prefix: string;
  name: string | null;
  project_id: string | null;
  created_at: Date;
  expires_at: Date | null;
  disabled_at: Date | null;
  allowed_models: string[] | null;
  limits: RateLimits | null;
  provider_keys: Record<string, string> | null;
}

interface ProjectRow {
  id: string;
  name: string;
  created_at: Date;
  limits: RateLimits | null;
}

/** The schema, applied once per database by `runMigrations` (namespace `auth`). */
export function keyStoreMigrations(prefix = DEFAULT_PREFIX): Migration[] {
  return [
    {
      id: '001-keys-and-projects',
      sql: `
        CREATE TABLE ${prefix}projects (
          id text PRIMARY KEY,
          name text NOT NULL,
          created_at timestamptz NOT NULL,
          limits jsonb
        );
        CREATE TABLE ${prefix}keys (
          id text PRIMARY KEY,
          -- SHA-256 hex of the key; the unique index is the O(log n) equality lookup per request.
          hash text NOT NULL UNIQUE,
          prefix text NOT NULL,
          name text,
          project_id text REFERENCES ${prefix}projects (id),
          created_at timestamptz NOT NULL,
          expires_at timestamptz,
          disabled_at timestamptz,
          allowed_models text[],
          limits jsonb,
          provider_keys jsonb
        );
        CREATE INDEX ${prefix}keys_project_idx ON ${prefix}keys (project_id);`,
    },
  ];
}

function toKey(row: KeyRow): GatewayKeyRecord {
  return {
    id: row.id,
    hash: row.hash,
    prefix: row.prefix,
    createdAt: new Date(row.created_at),
    ...(row.name !== null && { name: row.name }),
    ...(row.project_id !== null && { projectId: row.project_id }),
    ...(row.expires_at !== null && { expiresAt: new Date(row.expires_at) }),
    ...(row.disabled_at !== null && { disabledAt: new Date(row.disabled_at) }),
    ...(row.allowed_models !== null && { allowedModels: row.allowed_models }),
    ...(row.limits !== null && { limits: row.limits }),
    ...(row.provider_keys !== null && { providerKeys: row.provider_keys }),
  };
}

function toProject(row: ProjectRow): ProjectRecord {
  return {
    id: row.id,
    name: row.name,
    createdAt: new Date(row.created_at),
    ...(row.limits !== null && { limits: row.limits }),
  };
}

const keyColumns: Record<keyof GatewayKeyPatch, string> = {
  name: 'name',
  expiresAt: 'expires_at',
  disabledAt: 'disabled_at',
  allowedModels: 'allowed_models',
  limits: 'limits',
  providerKeys: 'provider_keys',
};

function json(value: unknown): string | null {
  return value === undefined || value === null ? null : JSON.stringify(value);
}

/**
 * Keys and projects in PostgreSQL, shared by every gateway process. The tables are created on
 * first use (or by `init()`) through core's `runMigrations`, namespace `auth`.
 */
export class PostgresKeyStore implements KeyStore {
  private readonly client: SqlClient;
  private readonly keys: string;
  private readonly projects: string;
  private readonly prefix: string;
  private readonly onClose: (() => Promise<void> | void) | undefined;
  private ready: Promise<void> | undefined;

  constructor(options: PostgresKeyStoreOptions) {
    const prefix = options.tablePrefix ?? DEFAULT_PREFIX;
    if (!/^[a-z_][a-z0-9_]{0,40}$/.test(prefix)) {
      throw new TypeError('PostgresKeyStore: tablePrefix must be lower-case letters, digits and "_"');
    }
    this.client = options.client;
    this.prefix = prefix;
    this.keys = `${prefix}keys`;
    this.projects = `${prefix}projects`;
    this.onClose = options.onClose;
  }

  /** Creates the tables when missing; every method calls it first, so calling it is optional. */
  init(): Promise<void> {
    this.ready ??= runMigrations(
      this.client,
      this.prefix === DEFAULT_PREFIX ? 'auth' : `auth:${this.prefix}`,
      keyStoreMigrations(this.prefix),
    ).catch((error: unknown) => {
      this.ready = undefined; // try again on the next call
      throw error;
    });
    return this.ready;
  }

  private async query<Row>(text: string, params: unknown[]): Promise<Row[]> {
    await this.init();
    return (await this.client.query<Row>(text, params)).rows;
  }

  async createKey(record: GatewayKeyRecord): Promise<void> {
    await this.query(
      `INSERT INTO ${this.keys} (id, hash, prefix, name, project_id, created_at, expires_at, disabled_at,
         allowed_models, limits, provider_keys) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
      [
        record.id,
        record.hash,
        record.prefix,
        record.name ?? null,
        record.projectId ?? null,
        record.createdAt,
        record.expiresAt ?? null,
        record.disabledAt ?? null,
        record.allowedModels ?? null,
        json(record.limits),
        json(record.providerKeys),
      ],
    );
  }

  async findKeyByHash(hash: string): Promise<GatewayKeyRecord | undefined> {
    const rows = await this.query<KeyRow>(`SELECT * FROM ${this.keys} WHERE hash = $1`, [hash]);
    return rows[0] && toKey(rows[0]);
  }

  async getKey(id: string): Promise<GatewayKeyRecord | undefined> {
    const rows = await this.query<KeyRow>(`SELECT * FROM ${this.keys} WHERE id = $1`, [id]);
    return rows[0] && toKey(rows[0]);
  }

  async listKeys(filter: { projectId?: string } = {}): Promise<GatewayKeyRecord[]> {
    const rows =
      filter.projectId === undefined
        ? await this.query<KeyRow>(`SELECT * FROM ${this.keys} ORDER BY created_at, id`, [])
        : await this.query<KeyRow>(
            `SELECT * FROM ${this.keys} WHERE project_id = $1 ORDER BY created_at, id`,
            [filter.projectId],
          );
    return rows.map(toKey);
  }

  async updateKey(id: string, patch: GatewayKeyPatch): Promise<GatewayKeyRecord | undefined> {
    const sets: string[] = [];
    const params: unknown[] = [id];
    for (const [field, column] of Object.entries(keyColumns) as Array<[keyof GatewayKeyPatch, string]>) {
      if (!(field in patch)) continue;
      const value = patch[field];
      params.push(field === 'limits' || field === 'providerKeys' ? json(value) : (value ?? null));
      sets.push(`${column} = $${params.length}`);
    }
    if (sets.length === 0) return this.getKey(id);
    const rows = await this.query<KeyRow>(
      `UPDATE ${this.keys} SET ${sets.join(', ')} WHERE id = $1 RETURNING *`,
      params,
    );
    return rows[0] && toKey(rows[0]);
  }

  async deleteKey(id: string): Promise<boolean> {
    const rows = await this.query(`DELETE FROM ${this.keys} WHERE id = $1 RETURNING id`, [id]);
    return rows.length > 0;
  }

  async createProject(project: ProjectRecord): Promise<boolean> {
    const rows = await this.query(
      `INSERT INTO ${this.projects} (id, name, created_at, limits) VALUES ($1, $2, $3, $4)
       ON CONFLICT (id) DO NOTHING RETURNING id`,
      [project.id, project.name, project.createdAt, json(project.limits)],
    );
    return rows.length > 0;
  }

  async getProject(id: string): Promise<ProjectRecord | undefined> {
    const rows = await this.query<ProjectRow>(`SELECT * FROM ${this.projects} WHERE id = $1`, [id]);
    return rows[0] && toProject(rows[0]);
  }

  async listProjects(): Promise<ProjectRecord[]> {
    const rows = await this.query<ProjectRow>(`SELECT * FROM ${this.projects} ORDER BY created_at, id`, []);
    return rows.map(toProject);
  }

  async updateProject(id: string, patch: ProjectPatch): Promise<ProjectRecord | undefined> {
    const rows = await this.query<ProjectRow>(
      `UPDATE ${this.projects} SET name = COALESCE($2, name),
         limits = CASE WHEN $3::boolean THEN $4::jsonb ELSE limits END
       WHERE id = $1 RETURNING *`,
      [id, patch.name ?? null, patch.limits !== undefined, json(patch.limits)],
    );
    return rows[0] && toProject(rows[0]);
  }

  async deleteProject(id: string): Promise<boolean> {
    const rows = await this.query(`DELETE FROM ${this.projects} WHERE id = $1 RETURNING id`, [id]);
    return rows.length > 0;
  }

  async close(): Promise<void> {
    await this.onClose?.();
  }
}
