import { runMigrations, type SqlClient } from '@signalbox/core';
import type { BudgetStore, BudgetUsage, BudgetWindow, ReserveOutcome } from './budget-store.js';
import { budgetKey } from './budget-store.js';
import { formatDecimal, toDecimal, ZERO } from './decimal.js';
import { sqlIdentifier } from './sql-identifier.js';

/** Options of `PostgresBudgetStore`. */
export interface PostgresBudgetStoreOptions {
  /** A node-postgres `Pool` (or anything with its `query`). */
  client: SqlClient;
  /** Table name; default `signalbox_budgets`. */
  table?: string;
}

/**
 * Budgets in PostgreSQL, shared by every gateway process using the same table. A reservation is
 * one atomic statement per budget: an upsert whose update only happens while
 * `spent + reserved + amount <= limit` (the row lock makes concurrent reservations queue), so no
 * interleaving of requests or processes can overspend. Across several budgets the reservation is
 * all-or-nothing: when a later budget refuses, the earlier ones are released. Amounts are
 * `numeric` (exact). Call `init()` (or let `cost()` do it) to create the table.
 */
export class PostgresBudgetStore implements BudgetStore {
  private readonly client: SqlClient;
  readonly table: string;
  private ready: Promise<void> | undefined;

  constructor(options: PostgresBudgetStoreOptions) {
    this.client = options.client;
    this.table = sqlIdentifier(options.table ?? 'signalbox_budgets', 'PostgresBudgetStore table');
  }

  /** Creates the table (once per database, under the migrations lock). */
  init(): Promise<void> {
    this.ready ??= runMigrations(this.client, `cost.budgets.${this.table}`, [
      {
        id: '001-create-budgets',
        sql: `CREATE TABLE IF NOT EXISTS ${this.table} (
          key text PRIMARY KEY,
          spent numeric NOT NULL DEFAULT 0,
          reserved numeric NOT NULL DEFAULT 0,
          updated_at timestamptz NOT NULL DEFAULT now())`,
      },
    ]);
    return this.ready;
  }

  async reserve(budgets: readonly BudgetWindow[], amount: string): Promise<ReserveOutcome> {
    await this.init();
    const wanted = formatDecimal(toDecimal(amount));
    const taken: BudgetWindow[] = [];
    for (const budget of budgets) {
      const { rows } = await this.client.query(
        `INSERT INTO ${this.table} AS budget (key, spent, reserved)
         SELECT $1, 0, $2::numeric WHERE $2::numeric <= $3::numeric
         ON CONFLICT (key) DO UPDATE SET reserved = budget.reserved + EXCLUDED.reserved, updated_at = now()
           WHERE budget.spent + budget.reserved + EXCLUDED.reserved <= $3::numeric
         RETURNING key`,
        [budgetKey(budget), wanted, formatDecimal(toDecimal(budget.limit))],
      );
      if (rows.length === 0) {
        if (taken.length > 0) await this.release(taken, wanted);
        const usage = await this.read(budget);
        const left = toDecimal(budget.limit).minus(usage.spent).minus(usage.reserved);
        return { ok: false, budget, remaining: formatDecimal(left.lt(0) ? ZERO : left) };
      }
      taken.push(budget);
    }
    return { ok: true };
  }

  private async release(budgets: readonly BudgetWindow[], amount: string): Promise<void> {
    await this.client.query(
      `UPDATE ${this.table} SET reserved = reserved - $2::numeric, updated_at = now() WHERE key = ANY($1::text[])`,
      [budgets.map(budgetKey), amount],
    );
  }

  async settle(budgets: readonly BudgetWindow[], reserved: string, actual: string): Promise<void> {
    await this.init();
    for (const budget of budgets) {
      await this.client.query(
        `INSERT INTO ${this.table} AS budget (key, spent, reserved) VALUES ($1, $3::numeric, 0)
         ON CONFLICT (key) DO UPDATE SET reserved = budget.reserved - $2::numeric,
           spent = budget.spent + $3::numeric, updated_at = now()`,
        [budgetKey(budget), formatDecimal(toDecimal(reserved)), formatDecimal(toDecimal(actual))],
      );
    }
  }

  async read(budget: BudgetWindow): Promise<BudgetUsage> {
    await this.init();
    const { rows } = await this.client.query<{ spent: string; reserved: string }>(
      `SELECT spent::text AS spent, reserved::text AS reserved FROM ${this.table} WHERE key = $1`,
      [budgetKey(budget)],
    );
    const row = rows[0];
    return {
      spent: formatDecimal(toDecimal(row?.spent ?? '0')),
      reserved: formatDecimal(toDecimal(row?.reserved ?? '0')),
    };
  }
}
