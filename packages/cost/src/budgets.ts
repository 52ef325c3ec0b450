import { GatewayError, isoTime, type Principal } from '@signalbox/core';
import type { BudgetPeriod, BudgetScope, BudgetWindow, ReserveOutcome } from './budget-store.js';
import { BoundedMemo } from './bounded-memo.js';
import { formatDecimal, toDecimal } from './decimal.js';

/** Spending limits in USD (decimal strings or numbers): in all, per UTC day, per UTC month. */
export interface BudgetLimits {
  total?: string | number;
  daily?: string | number;
  monthly?: string | number;
}

/** Budgets by principal id (a gateway key's id, or the host app's user id) and by project id. */
export interface BudgetsConfig {
  keys?: Record<string, BudgetLimits>;
  projects?: Record<string, BudgetLimits>;
  /** For every principal without an entry in `keys`. */
  defaultKey?: BudgetLimits;
  /** For every project without an entry in `projects`. */
  defaultProject?: BudgetLimits;
}

/** The limits that apply to one principal (its own, and its project's). */
export interface PrincipalBudgets {
  key?: BudgetLimits;
  project?: BudgetLimits;
}

/** Budgets decided per request (from the host app's plans, a database...). */
export type BudgetResolver = (
  principal: Principal,
) => PrincipalBudgets | undefined | Promise<PrincipalBudgets | undefined>;

const PERIODS: BudgetPeriod[] = ['total', 'daily', 'monthly'];

/** Limits written as strings, as plain decimals (the same few strings on every request). */
const limitTexts = new BoundedMemo<string>(1000);

/** A limit as a plain decimal string (`'5.50'` -> `'5.5'`); a `TypeError` when it is not a decimal. */
function limitText(limit: string | number): string {
  if (typeof limit !== 'string') return formatDecimal(toDecimal(limit));
  let text = limitTexts.get(limit);
  if (text === undefined) {
    text = formatDecimal(toDecimal(limit));
    limitTexts.set(limit, text);
  }
  return text;
}

/** The limits for a principal from a static configuration. */
export function configuredBudgets(config: BudgetsConfig, principal: Principal): PrincipalBudgets {
  const key = config.keys?.[principal.id] ?? config.defaultKey;
  const projectId = principal.projectId;
  const project =
    projectId !== undefined ? (config.projects?.[projectId] ?? config.defaultProject) : undefined;
  return { ...(key && { key }), ...(project && { project }) };
}

/** The window a period is in at `now` (UTC): `all`, `2026-05-01`, `2026-05`. */
export function budgetWindowName(period: BudgetPeriod, now: number): string {
  if (period === 'total') return 'all';
  const date = isoTime(now);
  return period === 'daily' ? date.slice(0, 10) : date.slice(0, 7);
}

/** The budget windows that apply to a principal at `now`, key budgets first. */
export function budgetWindows(principal: Principal, budgets: PrincipalBudgets, now: number): BudgetWindow[] {
  const windows: BudgetWindow[] = [];
  const add = (scope: BudgetScope, subject: string | undefined, limits: BudgetLimits | undefined) => {
    if (subject === undefined || limits === undefined) return;
    for (const period of PERIODS) {
      const limit = limits[period];
      if (limit === undefined) continue;
      windows.push({
        scope,
        subject,
        period,
        window: budgetWindowName(period, now),
        limit: limitText(limit),
      });
    }
  };
  add('key', principal.id, budgets.key);
  add('project', principal.projectId, budgets.project);
  return windows;
}

/** `$0.000012` with at least two decimals (`$1.50`). */
export function formatUsd(amount: string): string {
  const value = toDecimal(amount);
  const text = formatDecimal(value);
  const decimals = text.includes('.') ? (text.split('.')[1]?.length ?? 0) : 0;
  return `$${decimals >= 2 ? text : value.toFixed(2)}`;
}

/**
 * The 402 for a refused reservation, in the endpoint's shape: type `billing_error`, code
 * `budget_exceeded`, a message naming the budget, what it has left, and what the request may cost.
 */
export function budgetExceededError(
  outcome: Extract<ReserveOutcome, { ok: false }>,
  amount: string,
): GatewayError {
  const { budget, remaining } = outcome;
  const period = budget.period === 'total' ? 'total' : `${budget.period} (${budget.window}, UTC)`;
  const owner = budget.scope === 'key' ? `key '${budget.subject}'` : `project '${budget.subject}'`;
  return new GatewayError(
    `Budget exceeded: the ${period} budget of ${owner} is ${formatUsd(budget.limit)} and has ${formatUsd(remaining)} left; ` +
      `this request may cost up to ${formatUsd(amount)}. Lower max_tokens or raise the budget.`,
    { status: 402, type: 'billing_error', code: 'budget_exceeded', isRetryable: false },
  );
}
