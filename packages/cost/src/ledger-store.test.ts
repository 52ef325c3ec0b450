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

  it('keeps the newest maxEntries, in order, however many times the store wraps around', async () => {
    const store = new MemoryLedgerStore({ maxEntries: 3 });
    const entries = Array.from({ length: 11 }, () => ledgerEntry());
    for (const entry of entries) {
      expect(await store.insert(entry)).toBe(true);
      expect(store.size).toBeLessThanOrEqual(3);
    }
    // A repeated id changes nothing (not even which entry is dropped next).
    expect(await store.insert(entries[10] as (typeof entries)[number])).toBe(false);
    const kept = (await store.list()).map((entry) => entry.generationId);
    expect(kept).toEqual(
      entries
        .slice(8)
        .map((entry) => entry.generationId)
        .reverse(),
    );
    for (const entry of entries.slice(0, 8)) expect(await store.get(entry.generationId)).toBeUndefined();
    const next = ledgerEntry();
    await store.insert(next);
    expect(await store.get(entries[8]?.generationId ?? '')).toBeUndefined();
    expect((await store.list()).map((entry) => entry.generationId)).toEqual([
      next.generationId,
      entries[10]?.generationId,
      entries[9]?.generationId,
    ]);
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
