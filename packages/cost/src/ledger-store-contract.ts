/**
 * The behaviour every `LedgerStore` must have, as a vitest suite run against each store.
 * Test support: not exported from the package.
 */
import { describe, expect, it } from 'vitest';
import type { LedgerEntry } from './ledger-entry.js';
import type { LedgerStore } from './ledger-store.js';

let counter = 0;

/** A complete ledger entry (a direct mock/echo call) with a unique generation id. */
export function ledgerEntry(overrides: Partial<LedgerEntry> = {}): LedgerEntry {
  counter += 1;
  return {
    generationId: `gen_${process.pid}_${Date.now()}_${counter}`,
    createdAt: '2026-05-01T12:00:00.000Z',
    endpoint: 'chat.completions',
    principalId: 'key_1',
    projectId: 'proj_1',
    keyPrefix: 'sk-sb-abc',
    requestedModel: 'mock/echo',
    model: 'mock/echo',
    provider: 'mock',
    providerModelId: 'echo',
    upstreamId: 'mock-1',
    tokens: {
      prompt: 3,
      completion: 3,
      noCache: 3,
      cacheRead: 0,
      cacheWrite: 0,
      cacheWrite1h: 0,
      reasoning: 0,
    },
    cost: '0.000009',
    marketCost: '0.000009',
    inferenceCost: '0.000009',
    inputCost: '0.000003',
    outputCost: '0.000006',
    cacheDiscount: '0',
    estimated: false,
    cached: false,
    cacheSourceId: null,
    isByok: false,
    streamed: false,
    cancelled: false,
    status: 200,
    error: null,
    finishReason: 'stop',
    nativeFinishReason: 'stop',
    attempts: [
      {
        model: 'mock/echo',
        provider: 'mock',
        providerModelId: 'echo',
        status: 200,
        success: true,
        isByok: false,
        latencyMs: 4,
        providerResponseId: 'mock-1',
        error: null,
        cost: '0.000009',
      },
    ],
    latencyMs: 5,
    timeToFirstTokenMs: null,
    generationTimeMs: 4,
    ...overrides,
  };
}

/** Declares the contract suite for a store made by `create`. */
export function ledgerStoreContract(name: string, create: () => LedgerStore): void {
  describe(`${name}: LedgerStore contract`, () => {
    it('writes an entry once and reads it back whole', async () => {
      const store = create();
      const entry = ledgerEntry();
      expect(await store.insert(entry)).toBe(true);
      expect(await store.insert({ ...entry, cost: '1' })).toBe(false);
      expect(await store.get(entry.generationId)).toEqual(entry);
      expect(await store.get('gen_unknown')).toBeUndefined();
    });

    it('keeps a concurrent double write to one entry', async () => {
      const store = create();
      const entry = ledgerEntry();
      const results = await Promise.all([store.insert(entry), store.insert(entry), store.insert(entry)]);
      expect(results.filter(Boolean)).toHaveLength(1);
    });

    it('keeps unknown costs as null', async () => {
      const store = create();
      const entry = ledgerEntry({ cost: null, marketCost: null, inferenceCost: null, model: 'groq/x' });
      await store.insert(entry);
      expect((await store.get(entry.generationId))?.cost).toBeNull();
    });

    it('lists newest first, by principal, project and time', async () => {
      const store = create();
      const principalId = `key_${process.pid}_${Date.now()}`;
      const older = ledgerEntry({ principalId, createdAt: '2026-05-01T00:00:00.000Z' });
      const newer = ledgerEntry({
        principalId,
        createdAt: '2026-05-02T00:00:00.000Z',
        projectId: 'proj_list',
      });
      await store.insert(older);
      await store.insert(newer);
      await store.insert(ledgerEntry({ principalId: 'someone-else' }));
      expect((await store.list({ principalId })).map((entry) => entry.generationId)).toEqual([
        newer.generationId,
        older.generationId,
      ]);
      expect((await store.list({ principalId, since: '2026-05-01T12:00:00.000Z' })).length).toBe(1);
      expect((await store.list({ principalId, limit: 1 }))[0]?.generationId).toBe(newer.generationId);
      expect((await store.list({ projectId: 'proj_list' })).map((entry) => entry.generationId)).toContain(
        newer.generationId,
      );
    });
  });
}
