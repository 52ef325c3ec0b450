import { testServerUrl } from '@signalbox/testing';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { ledgerEntry, ledgerStoreContract } from './ledger-store-contract.js';
import { PostgresLedgerStore } from './postgres-ledger-store.js';

const table = `cost_ledger_test_${process.pid}_${Date.now()}`;
const pool = new pg.Pool({ connectionString: testServerUrl('postgres'), max: 5 });

afterAll(async () => {
  await pool.query(`DROP TABLE IF EXISTS ${table}`);
  await pool.query('DELETE FROM signalbox_migrations WHERE namespace = $1', [`cost.ledger.${table}`]);
  await pool.end();
});

ledgerStoreContract('PostgresLedgerStore', () => new PostgresLedgerStore({ client: pool, table }));

describe('PostgresLedgerStore', () => {
  it('keeps costs exact in its numeric columns', async () => {
    const store = new PostgresLedgerStore({ client: pool, table });
    const entry = ledgerEntry({ cost: '0.000000075', marketCost: '0.000000075' });
    await store.insert(entry);
    const { rows } = await pool.query(`SELECT cost::text AS cost FROM ${table} WHERE generation_id = $1`, [
      entry.generationId,
    ]);
    expect(rows[0]).toEqual({ cost: '0.000000075' });
  });

  it('two stores on one table (two processes) write a generation once', async () => {
    const first = new PostgresLedgerStore({ client: pool, table });
    const second = new PostgresLedgerStore({ client: pool, table });
    const entry = ledgerEntry();
    const results = await Promise.all([first.insert(entry), second.insert(entry)]);
    expect(results.sort()).toEqual([false, true]);
  });
});
