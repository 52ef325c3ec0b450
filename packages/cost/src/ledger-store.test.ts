import { describe, expect, it } from 'vitest';
import { ledgerEntry, ledgerStoreContract } from './ledger-store-contract.js';
import { MemoryLedgerStore } from './ledger-store.js';

ledgerStoreContract('MemoryLedgerStore', () => new MemoryLedgerStore());

describe('MemoryLedgerStore', () => {
  it('drops the oldest entries beyond maxEntries', async () => {
    const store = new MemoryLedgerStore({ maxEntries: 2 });
    const first = ledgerEntry();
    await store.insert(first);
    await store.insert(ledgerEntry());
    await store.insert(ledgerEntry());
    expect(store.size).toBe(2);
    expect(await store.get(first.generationId)).toBeUndefined();
  });

  it('takes ownership on insert (no copy on the hot path) and hands out copies on read', async () => {
    const store = new MemoryLedgerStore();
    const entry = ledgerEntry();
    await store.insert(entry);
    const read = await store.get(entry.generationId);
    expect(read?.cost).toBe('0.000009');
    if (read) read.cost = '98';
    expect((await store.get(entry.generationId))?.cost).toBe('0.000009');
  });

  it('refuses a nonsensical size', () => {
    expect(() => new MemoryLedgerStore({ maxEntries: 0 })).toThrow('maxEntries must be a positive integer');
  });
});
