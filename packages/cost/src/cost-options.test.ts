import { describe, expect, it } from 'vitest';
import { parseCostOptions } from './cost-options.js';
import { MemoryLedgerStore } from './ledger-store.js';
import { MemoryBudgetStore } from './memory-budget-store.js';
import { createPriceCatalog } from './price-catalog.js';

describe('parseCostOptions', () => {
  it('applies the defaults', () => {
    const settings = parseCostOptions({});
    expect(settings.ledger).toBeInstanceOf(MemoryLedgerStore);
    expect(settings.budgetStore).toBeInstanceOf(MemoryBudgetStore);
    expect(settings.catalog.lookup('mock/echo')).toEqual({ input: '0.000001', output: '0.000002' });
    expect(settings).toMatchObject({
      defaultMaxOutputTokens: 4096,
      charactersPerToken: 4,
      estimateHeader: 'x-signalbox-estimate',
      generationPath: '/generation',
      budgets: undefined,
      byokRule: undefined,
    });
  });

  it('takes a built catalog or catalog options', () => {
    const catalog = createPriceCatalog({ defaults: false });
    expect(parseCostOptions({ catalog }).catalog).toBe(catalog);
    const built = parseCostOptions({ catalog: { prices: { 'x/y': { input: '1', output: '2' } } } }).catalog;
    expect(built.lookup('x/y')).toEqual({ input: '1', output: '2' });
  });

  it('turns estimates and the route off', () => {
    expect(parseCostOptions({ estimateHeader: false, generationPath: false })).toMatchObject({
      estimateHeader: undefined,
      generationPath: undefined,
    });
  });

  it('names the option at fault', () => {
    expect(() => parseCostOptions({ budgets: { keys: { k1: { daily: '-1' } } } })).toThrow(
      'cost: invalid option budgets.keys.k1.daily: must be a decimal number >= 0',
    );
    expect(() => parseCostOptions({ defaultMaxOutputTokens: 0 })).toThrow(
      'cost: invalid option defaultMaxOutputTokens',
    );
    expect(() => parseCostOptions({ ledger: {} as MemoryLedgerStore })).toThrow(
      'cost: invalid option ledger: must have insert, get, list',
    );
    expect(() => parseCostOptions({ byokRule: { fraction: 'lots' } })).toThrow(
      'cost: invalid option byokRule',
    );
    // @ts-expect-error an unknown option is a mistake
    expect(() => parseCostOptions({ budget: {} })).toThrow('cost: invalid option');
  });
});
