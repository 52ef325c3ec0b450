import { testServerUrl } from '@signalbox/testing';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { budgetStoreContract, budgetWindow } from './budget-store-contract.js';
import { PostgresBudgetStore } from './postgres-budget-store.js';

const table = `cost_budgets_test_${process.pid}_${Date.now()}`;
const pool = new pg.Pool({ connectionString: testServerUrl('postgres'), max: 10 });
const otherPool = new pg.Pool({ connectionString: testServerUrl('postgres'), max: 10 });

afterAll(async () => {
  await pool.query(`DROP TABLE IF EXISTS ${table}`);
  await pool.query('DELETE FROM signalbox_migrations WHERE namespace = $1', [`cost.budgets.${table}`]);
  await Promise.all([pool.end(), otherPool.end()]);
});

budgetStoreContract('PostgresBudgetStore', () => new PostgresBudgetStore({ client: pool, table }));

describe('PostgresBudgetStore', () => {
  it('two stores (two gateway processes) sharing a table never overspend together', async () => {
    const first = new PostgresBudgetStore({ client: pool, table });
    const second = new PostgresBudgetStore({ client: otherPool, table });
    const budget = budgetWindow('0.05');
    await first.settle([budget], '0', '0.02');
    const outcomes = await Promise.all(
      Array.from({ length: 100 }, (_, index) => (index % 2 ? first : second).reserve([budget], '0.001')),
    );
    expect(outcomes.filter((outcome) => outcome.ok)).toHaveLength(30);
    expect(await second.read(budget)).toEqual({ spent: '0.02', reserved: '0.03' });
  });

  it('keeps amounts exact (numeric, not float)', async () => {
    const store = new PostgresBudgetStore({ client: pool, table });
    const budget = budgetWindow('1');
    for (let index = 0; index < 10; index++) await store.settle([budget], '0', '0.1');
    expect(await store.read(budget)).toEqual({ spent: '1', reserved: '0' });
    expect(await store.reserve([budget], '0.000000000000000001')).toMatchObject({
      ok: false,
      remaining: '0',
    });
  });

  it('refuses a table name that is not a plain identifier', () => {
    expect(() => new PostgresBudgetStore({ client: pool, table: 'budgets; drop table x' })).toThrow(
      'PostgresBudgetStore table must be a lower-case SQL identifier',
    );
  });
});
