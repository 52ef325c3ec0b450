import type { BudgetStore, BudgetUsage, BudgetWindow, ReserveOutcome } from './budget-store.js';
import { budgetKey } from './budget-store.js';
import { BoundedMemo } from './bounded-memo.js';
import { type DecimalValue, formatDecimal, toDecimal, ZERO } from './decimal.js';

/** Budget limits parsed (the same few strings on every request; decimals are immutable). */
const limits = new BoundedMemo<DecimalValue>(1000);

/** A budget's limit as a decimal, parsed once per limit string. */
function limitOf(limit: string): DecimalValue {
  let value = limits.get(limit);
  if (value === undefined) {
    value = toDecimal(limit);
    limits.set(limit, value);
  }
  return value;
}

interface Counts {
  spent: DecimalValue;
  reserved: DecimalValue;
}

/**
 * Budgets in this process's memory (the default). Reservations are checked and taken
 * synchronously, in one step with no await between, so concurrent requests cannot overspend.
 * Not shared between processes: use `PostgresBudgetStore` for several gateway processes.
 */
export class MemoryBudgetStore implements BudgetStore {
  private readonly counts = new Map<string, Counts>();

  private countsOf(budget: BudgetWindow): Counts {
    const key = budgetKey(budget);
    let counts = this.counts.get(key);
    if (!counts) {
      counts = { spent: ZERO, reserved: ZERO };
      this.counts.set(key, counts);
    }
    return counts;
  }

  async reserve(budgets: readonly BudgetWindow[], amount: string): Promise<ReserveOutcome> {
    const wanted = toDecimal(amount);
    for (const budget of budgets) {
      const counts = this.countsOf(budget);
      const left = limitOf(budget.limit).minus(counts.spent).minus(counts.reserved);
      if (left.lt(wanted)) return { ok: false, budget, remaining: formatDecimal(left.lt(0) ? ZERO : left) };
    }
    for (const budget of budgets) {
      const counts = this.countsOf(budget);
      counts.reserved = counts.reserved.plus(wanted);
    }
    return { ok: true };
  }

  async settle(budgets: readonly BudgetWindow[], reserved: string, actual: string): Promise<void> {
    let release: DecimalValue | undefined;
    let spend: DecimalValue | undefined;
    for (const budget of budgets) {
      const counts = this.countsOf(budget);
      release ??= toDecimal(reserved);
      counts.reserved = counts.reserved.minus(release);
      spend ??= toDecimal(actual);
      counts.spent = counts.spent.plus(spend);
    }
  }

  async read(budget: BudgetWindow): Promise<BudgetUsage> {
    const counts = this.counts.get(budgetKey(budget));
    return { spent: formatDecimal(counts?.spent ?? ZERO), reserved: formatDecimal(counts?.reserved ?? ZERO) };
  }
}
