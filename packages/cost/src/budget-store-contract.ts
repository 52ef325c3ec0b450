/**
 * The behaviour every `BudgetStore` must have, as a vitest suite run against each store (memory,
 * Postgres). Test support: not exported from the package.
 */
import { describe, expect, it } from 'vitest';
import type { BudgetStore, BudgetWindow } from './budget-store.js';
import { sumDecimals, toDecimal } from './decimal.js';

let counter = 0;

/** A fresh budget window (unique subject per call, so tests never share counts). */
export function budgetWindow(limit: string, overrides: Partial<BudgetWindow> = {}): BudgetWindow {
  counter += 1;
  return {
    scope: 'key',
    subject: `key_${process.pid}_${Date.now()}_${counter}`,
    period: 'total',
    window: 'all',
    limit,
    ...overrides,
  };
}

/** Declares the contract suite for a store made by `create`. */
export function budgetStoreContract(name: string, create: () => BudgetStore): void {
  describe(`${name}: BudgetStore contract`, () => {
    it('reserves within the limit and refuses beyond it, saying what is left', async () => {
      const store = create();
      const budget = budgetWindow('1.00');
      expect(await store.reserve([budget], '0.6')).toEqual({ ok: true });
      expect(await store.read(budget)).toEqual({ spent: '0', reserved: '0.6' });
      expect(await store.reserve([budget], '0.5')).toEqual({ ok: false, budget, remaining: '0.4' });
      expect(await store.reserve([budget], '0.4')).toEqual({ ok: true });
      expect(await store.read(budget)).toEqual({ spent: '0', reserved: '1' });
    });

    it('settles a reservation to the real cost, releasing the rest', async () => {
      const store = create();
      const budget = budgetWindow('1');
      await store.reserve([budget], '0.3');
      await store.settle([budget], '0.3', '0.000123');
      expect(await store.read(budget)).toEqual({ spent: '0.000123', reserved: '0' });
      expect(await store.reserve([budget], '0.999877')).toEqual({ ok: true });
      expect((await store.reserve([budget], '0.000000001')).ok).toBe(false);
    });

    it('settles without a reservation (spending recorded after the fact)', async () => {
      const store = create();
      const budget = budgetWindow('1');
      await store.settle([budget], '0', '0.25');
      expect(await store.read(budget)).toEqual({ spent: '0.25', reserved: '0' });
    });

    it('is all-or-nothing across budgets', async () => {
      const store = create();
      const roomy = budgetWindow('10');
      const tight = budgetWindow('0.01', { scope: 'project', period: 'daily', window: '2026-05-01' });
      const outcome = await store.reserve([roomy, tight], '0.02');
      expect(outcome).toEqual({ ok: false, budget: tight, remaining: '0.01' });
      expect(await store.read(roomy)).toEqual({ spent: '0', reserved: '0' });
      expect(await store.reserve([roomy, tight], '0.01')).toEqual({ ok: true });
      expect(await store.read(roomy)).toEqual({ spent: '0', reserved: '0.01' });
    });

    it('keeps windows apart', async () => {
      const store = create();
      const today = budgetWindow('1', { period: 'daily', window: '2026-05-01' });
      const tomorrow = { ...today, window: '2026-05-02' };
      await store.settle([today], '0', '1');
      expect((await store.reserve([today], '0.1')).ok).toBe(false);
      expect((await store.reserve([tomorrow], '0.1')).ok).toBe(true);
    });

    it('100 concurrent reservations against a nearly spent budget never overspend', async () => {
      const store = create();
      const budget = budgetWindow('1');
      await store.settle([budget], '0', '0.9');
      const outcomes = await Promise.all(Array.from({ length: 100 }, () => store.reserve([budget], '0.003')));
      const granted = outcomes.filter((outcome) => outcome.ok).length;
      expect(granted).toBe(33); // 0.1 / 0.003, rounded down
      const usage = await store.read(budget);
      expect(toDecimal(sumDecimals([usage.spent, usage.reserved])).lte('1')).toBe(true);
      await Promise.all(Array.from({ length: granted }, () => store.settle([budget], '0.003', '0.003')));
      expect(await store.read(budget)).toEqual({ spent: '0.999', reserved: '0' });
    });
  });
}
