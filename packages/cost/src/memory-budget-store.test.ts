import { describe, expect, it } from 'vitest';
import { budgetStoreContract, budgetWindow } from './budget-store-contract.js';
import { MemoryBudgetStore } from './memory-budget-store.js';

budgetStoreContract('MemoryBudgetStore', () => new MemoryBudgetStore());

describe('MemoryBudgetStore', () => {
  it('settles every budget given, and parses nothing for none', async () => {
    const store = new MemoryBudgetStore();
    const first = budgetWindow('2');
    const second = budgetWindow('2');
    expect(await store.reserve([first, second], '1.5')).toEqual({ ok: true });
    await store.settle([first, second], '1.5', '0.25');
    expect(await store.read(first)).toEqual({ spent: '0.25', reserved: '0' });
    expect(await store.read(second)).toEqual({ spent: '0.25', reserved: '0' });
    await expect(store.settle([], 'not a number', 'nor this')).resolves.toBeUndefined();
    // The same limit text, parsed once, serves every budget that has it.
    expect(await store.reserve([first], '1.75')).toEqual({ ok: true });
  });
});
