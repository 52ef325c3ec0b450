/** How long a budget runs before it starts again (UTC days and months). */
export type BudgetPeriod = 'total' | 'daily' | 'monthly';

/** Whose spending a budget limits: a principal (a gateway key, a host-app user) or a project. */
export type BudgetScope = 'key' | 'project';

/** One budget in its current window: what the store counts spending and reservations against. */
export interface BudgetWindow {
  scope: BudgetScope;
  /** The principal id or the project id. */
  subject: string;
  period: BudgetPeriod;
  /** `all` for a total budget, `2026-05-01` for a daily one, `2026-05` for a monthly one (UTC). */
  window: string;
  /** USD, a decimal string. */
  limit: string;
}

/** Spending and open reservations of one budget window, USD decimal strings. */
export interface BudgetUsage {
  spent: string;
  reserved: string;
}

/** The result of a reservation: all budgets took it, or the first that could not. */
export type ReserveOutcome =
  | { ok: true }
  | {
      ok: false;
      /** The budget that refused. */
      budget: BudgetWindow;
      /** What that budget has left (limit - spent - reserved; 0 when overdrawn). */
      remaining: string;
    };

/**
 * Where budgets keep their counts. `reserve` must be atomic per budget (check and add in one
 * step, so concurrent requests, also from other gateway processes sharing the store, cannot
 * overspend) and all-or-nothing across the budgets given. Methods may return promises.
 */
export interface BudgetStore {
  /** Adds `amount` to the reservations of every budget if each has room for it: spent + reserved + amount <= limit. */
  reserve(budgets: readonly BudgetWindow[], amount: string): Promise<ReserveOutcome>;
  /** Ends a reservation: releases `reserved` and adds `actual` to what was spent. */
  settle(budgets: readonly BudgetWindow[], reserved: string, actual: string): Promise<void>;
  /** The counts of one budget window (zeros when it has none yet). */
  read(budget: BudgetWindow): Promise<BudgetUsage>;
  /** Creates tables and the like; called once before the first use. */
  init?(): Promise<void>;
  /** Frees connections the store opened itself. */
  close?(): Promise<void>;
}

/** The store key of a budget window: `key:<id>:daily:2026-05-01`. */
export function budgetKey(budget: BudgetWindow): string {
  return `${budget.scope}:${budget.subject}:${budget.period}:${budget.window}`;
}
