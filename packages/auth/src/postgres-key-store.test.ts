import { testServerUrl } from '@signalbox/testing';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { runKeyStoreContract } from './key-store-test-kit.js';
import { PostgresKeyStore } from './postgres-key-store.js';

describe('PostgresKeyStore (real PostgreSQL)', () => {
  const pool = new pg.Pool({ connectionString: testServerUrl('postgres'), max: 4 });
  const tablePrefix = `test_auth_${process.pid}_${Date.now()}_`;
  const store = new PostgresKeyStore({ client: pool, tablePrefix, onClose: () => pool.end() });

  afterAll(async () => {
    await pool.query(`DROP TABLE IF EXISTS ${tablePrefix}keys, ${tablePrefix}projects`);
    await pool.query('DELETE FROM signalbox_migrations WHERE namespace = $1', [`auth:${tablePrefix}`]);
    await store.close();
  });

  it('creates its tables once, also when several stores start at once', async () => {
    const others = [1, 2, 3].map(() => new PostgresKeyStore({ client: pool, tablePrefix }));
    await Promise.all([store.init(), ...others.map((other) => other.init())]);
    const tables = await pool.query(
      "SELECT tablename FROM pg_tables WHERE tablename LIKE $1 || '%' ORDER BY tablename",
      [tablePrefix],
    );
    expect(tables.rows.map((row) => row.tablename)).toEqual([`${tablePrefix}keys`, `${tablePrefix}projects`]);
  });

  runKeyStoreContract(() => store, `pg-project-${process.pid}`);

  it('finds keys by hash through a unique index', async () => {
    const indexes = await pool.query('SELECT indexdef FROM pg_indexes WHERE tablename = $1', [
      `${tablePrefix}keys`,
    ]);
    expect(indexes.rows.map((row) => row.indexdef)).toContainEqual(
      expect.stringMatching(/UNIQUE INDEX .* \(hash\)/),
    );
  });

  it('refuses an invalid table prefix', () => {
    expect(() => new PostgresKeyStore({ client: pool, tablePrefix: 'drop table;' })).toThrow(TypeError);
  });
});
