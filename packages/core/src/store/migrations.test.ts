import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { runMigrations } from './sql-client.js';

// core cannot depend on @signalbox/testing (which depends on core): read the URL the global setup sets.
const url = process.env.SIGNALBOX_TEST_DATABASE_URL;
if (!url)
  throw new Error('SIGNALBOX_TEST_DATABASE_URL is not set: run the tests from the root (npx pnpm@10 test)');

describe('runMigrations (real PostgreSQL)', () => {
  const pool = new pg.Pool({ connectionString: url, max: 4 });
  const namespace = `test_${process.pid}_${Date.now()}`;
  afterAll(async () => {
    await pool.query(`DROP TABLE IF EXISTS ${namespace}_items`);
    await pool.query('DELETE FROM signalbox_migrations WHERE namespace = $1', [namespace]);
    await pool.end();
  });

  it('applies each migration once, also when several processes start at once', async () => {
    const migrations = [
      {
        id: '001-create',
        sql: `CREATE TABLE ${namespace}_items (id text PRIMARY KEY, note text DEFAULT 'it''s $x$')`,
      },
      { id: '002-insert', sql: `INSERT INTO ${namespace}_items (id) VALUES ('one')` },
    ];
    await Promise.all([1, 2, 3, 4].map(() => runMigrations(pool, namespace, migrations)));
    await runMigrations(pool, namespace, migrations);
    const rows = await pool.query(`SELECT id, note FROM ${namespace}_items`);
    expect(rows.rows).toEqual([{ id: 'one', note: "it's $x$" }]);
    const applied = await pool.query('SELECT id FROM signalbox_migrations WHERE namespace = $1 ORDER BY id', [
      namespace,
    ]);
    expect(applied.rows.map((row) => row.id)).toEqual(['001-create', '002-insert']);
  });
});
