import { testServerUrl } from '@signalbox/testing';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { logStoreContract } from './log-store-contract.js';
import { jsonForPostgres, PostgresLogStore } from './postgres-log-store.js';
import { logRecord } from './test-records.js';

const table = `observability_log_test_${process.pid}_${Date.now()}`;
const pool = new pg.Pool({ connectionString: testServerUrl('postgres'), max: 5 });
const stores: PostgresLogStore[] = [];
function store(options: Partial<ConstructorParameters<typeof PostgresLogStore>[0]> = {}): PostgresLogStore {
  const created = new PostgresLogStore({ client: pool, table, ...options });
  stores.push(created);
  return created;
}

afterAll(async () => {
  for (const created of stores) await created.close();
  await pool.query(`DROP TABLE IF EXISTS ${table}`);
  await pool.query('DELETE FROM signalbox_migrations WHERE namespace = $1 AND id = $2', [
    'observability',
    `001-create-${table}`,
  ]);
  await pool.end();
});

logStoreContract('PostgresLogStore', () => store(), 'postgres');

describe('PostgresLogStore', () => {
  it('keeps cost exact in its numeric column and the record as jsonb', async () => {
    const record = logRecord({
      cost: {
        total: '0.000000075',
        market: '0.000000075',
        inference: '0.000000075',
        input: '0.00000005',
        output: '0.000000025',
        isByok: false,
        estimated: false,
      },
    });
    await store().write([record]);
    const { rows } = await pool.query(`SELECT cost::text AS cost FROM ${table} WHERE generation_id = $1`, [
      record.generationId,
    ]);
    expect(rows[0]).toEqual({ cost: '0.000000075' });
  });

  it('writes a batch in one statement, and two stores (two processes) write a record once', async () => {
    const records = Array.from({ length: 50 }, () => logRecord({ time: '2026-06-01T00:00:00.000Z' }));
    await Promise.all([store().write(records), store().write(records)]);
    const { rows } = await pool.query(
      `SELECT count(*)::int AS count FROM ${table} WHERE time = '2026-06-01T00:00:00.000Z'`,
    );
    expect(rows[0]).toEqual({ count: 50 });
  });

  it('deletes records older than the retention', async () => {
    const now = Date.parse('2026-07-10T00:00:00.000Z');
    const pruning = store({ retentionMs: 86_400_000, now: () => now });
    const old = logRecord({ time: '2026-07-08T00:00:00.000Z' });
    const recent = logRecord({ time: '2026-07-09T12:00:00.000Z' });
    await pruning.write([old, recent]);
    expect(await pruning.prune()).toBeGreaterThanOrEqual(1);
    expect(await pruning.get(old.generationId)).toBeUndefined();
    expect(await pruning.get(recent.generationId)).toEqual(recent);
  });

  it("prunes on an unref'd timer once initialized", async () => {
    const now = Date.parse('2026-08-10T00:00:00.000Z');
    const pruning = store({ retentionMs: 86_400_000, pruneIntervalMs: 20, now: () => now });
    const old = logRecord({ time: '2026-08-01T00:00:00.000Z' });
    await pruning.write([old]);
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(await pruning.get(old.generationId)).toBeUndefined();
  });

  it('stores text with NUL characters (which jsonb refuses) as U+FFFD', async () => {
    expect(JSON.parse(jsonForPostgres({ a: 'x\u0000y', b: '\\u0000' }))).toEqual({
      a: 'x\ufffdy',
      b: '\\u0000',
    });
    const record = logRecord({
      io: { prompt: [{ role: 'user', content: 'nul\u0000here' }], completion: { text: 'ok' } },
    });
    await store().write([record]);
    expect((await store().get(record.generationId))?.io?.prompt[0]?.content).toBe('nul\ufffdhere');
  });

  it('refuses a table name that is not an identifier', () => {
    expect(() => new PostgresLogStore({ client: pool, table: 'bad; drop table x' })).toThrow(TypeError);
  });

  it('fails its writes (for the queue to count) when the database is unreachable, then recovers', async () => {
    const broken = new pg.Pool({ connectionString: 'postgres://nobody:wrong@127.0.0.1:1/none', max: 1 });
    const unreachable = new PostgresLogStore({ client: broken, table });
    await expect(unreachable.write([logRecord()])).rejects.toThrow();
    await broken.end();
  });
});
