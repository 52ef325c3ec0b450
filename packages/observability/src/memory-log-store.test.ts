import { describe, expect, it } from 'vitest';
import { logStoreContract } from './log-store-contract.js';
import { MemoryLogStore } from './memory-log-store.js';
import { logRecord } from './test-records.js';

logStoreContract('MemoryLogStore', () => new MemoryLogStore(), 'memory');

describe('MemoryLogStore', () => {
  it('keeps the last `capacity` records (a ring buffer)', async () => {
    const store = new MemoryLogStore({ capacity: 3 });
    const records = Array.from({ length: 5 }, (_, index) =>
      logRecord({ time: new Date(Date.UTC(2026, 4, 1, 0, index)).toISOString() }),
    );
    await store.write(records);
    expect(store.size).toBe(3);
    expect(await store.get(records[0]?.generationId ?? '')).toBeUndefined();
    expect((await store.list()).records.map((record) => record.generationId)).toEqual(
      records
        .slice(2)
        .reverse()
        .map((record) => record.generationId),
    );
  });

  it('prunes records older than maxAgeMs', async () => {
    let now = Date.parse('2026-05-01T12:00:00.000Z');
    const store = new MemoryLogStore({ maxAgeMs: 3_600_000, now: () => now });
    const old = logRecord({ time: '2026-05-01T10:00:00.000Z' });
    const recent = logRecord({ time: '2026-05-01T11:30:00.000Z' });
    await store.write([old, recent]);
    expect(store.size).toBe(1);
    now += 3_600_000;
    expect(await store.prune()).toBe(1);
    expect(store.size).toBe(0);
  });

  it('refuses a capacity that is not a positive integer', () => {
    expect(() => new MemoryLogStore({ capacity: 0 })).toThrow(TypeError);
  });
});
