import type { BudgetStore, BudgetUsage, BudgetWindow, ReserveOutcome } from './budget-store.js';
import { budgetKey } from './budget-store.js';
import { type DecimalValue, formatDecimal, toDecimal, ZERO } from './decimal.js';

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
      const left = toDecimal(budget.limit).minus(counts.spent).minus(counts.reserved);
      if (left.lt(wanted)) return { ok: false, budget, remaining: formatDecimal(left.lt(0) ? ZERO : left) };
    }
    for (const budget of budgets) {
      const counts = this.countsOf(budget);
      counts.reserved = counts.reserved.plus(wanted);
    }
    return { ok: true };
  }

  async settle(budgets: readonly BudgetWindow[], reserved: string, actual: string): Promise<void> {
    for (const budget of budgets) {
      const counts = this.countsOf(budget);
      counts.reserved = counts.reserved.minus(toDecimal(reserved));
      counts.spent = counts.spent.plus(toDecimal(actual));
    }
  }

  async read(budget: BudgetWindow): Promise<BudgetUsage> {
    const counts = this.counts.get(budgetKey(budget));
    return { spent: formatDecimal(counts?.spent ?? ZERO), reserved: formatDecimal(counts?.reserved ?? ZERO) };
  }
}
