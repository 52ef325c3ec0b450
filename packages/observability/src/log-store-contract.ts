import { describe, expect, it } from 'vitest';
import { aggregateRecords } from './aggregate-records.js';
import type { LogStore } from './log-store.js';
import { logRecord } from './test-records.js';

/**
 * The behaviour every `LogStore` must have, run against the memory and the Postgres store (and
 * usable for your own): idempotent writes, filters, newest-first pages with cursors, and usage
 * aggregates equal to `aggregateRecords` over the same records.
 */
export function logStoreContract(name: string, makeStore: () => LogStore, prefix: string): void {
  describe(`${name} (LogStore contract)`, () => {
    it('writes records, reads them back, and ignores a second write of the same id', async () => {
      const store = makeStore();
      const record = logRecord({ principalId: `${prefix}-a`, io: null });
      await store.write([record]);
      await store.write([{ ...record, status: 500 }]);
      expect(await store.get(record.generationId)).toEqual(record);
      expect(await store.get('gen_missing')).toBeUndefined();
    });

    it('filters by model, key, status, cache and time, newest first, with cursors', async () => {
      const store = makeStore();
      const key = `${prefix}-filters`;
      const base = Date.parse('2026-05-02T08:00:00.000Z');
      const records = Array.from({ length: 7 }, (_, index) =>
        logRecord({
          principalId: key,
          keyPrefix: `${key}-prefix`,
          time: new Date(base + index * 60_000).toISOString(),
          model: index % 2 === 0 ? 'mock/echo' : 'mock/other',
          status: index === 3 ? 429 : 200,
          error: index === 3 ? 'Too many requests' : null,
          cacheStatus: index === 4 ? 'HIT' : index === 5 ? 'MISS' : null,
        }),
      );
      await store.write(records);
      const ids = (list: { generationId: string }[]) => list.map((record) => record.generationId);
      const all = await store.list({ key });
      expect(ids(all.records)).toEqual(ids([...records].reverse()));
      expect(all.nextCursor).toBeNull();
      expect(ids((await store.list({ key: `${key}-prefix`, model: 'mock/other' })).records)).toEqual(
        ids([records[5], records[3], records[1]] as typeof records),
      );
      expect(ids((await store.list({ key, status: 'error' })).records)).toEqual([records[3]?.generationId]);
      expect(ids((await store.list({ key, status: '4xx' })).records)).toEqual([records[3]?.generationId]);
      expect((await store.list({ key, status: 'success' })).records).toHaveLength(6);
      expect(ids((await store.list({ key, cache: 'HIT' })).records)).toEqual([records[4]?.generationId]);
      expect((await store.list({ key, cache: 'none' })).records).toHaveLength(5);
      const window = await store.list({ key, from: records[2]?.time, to: records[4]?.time });
      expect(ids(window.records)).toEqual(ids([records[3], records[2]] as typeof records));

      const first = await store.list({ key, limit: 3 });
      expect(first.records).toHaveLength(3);
      expect(first.nextCursor).not.toBeNull();
      const second = await store.list({ key, limit: 3, cursor: first.nextCursor ?? '' });
      const third = await store.list({ key, limit: 3, cursor: second.nextCursor ?? '' });
      expect(third.nextCursor).toBeNull();
      expect([...ids(first.records), ...ids(second.records), ...ids(third.records)]).toEqual(
        ids(all.records),
      );
    });

    it('aggregates by model, provider, project and key exactly as computed from the records', async () => {
      const store = makeStore();
      const project = `${prefix}-usage`;
      const base = Date.parse('2026-05-03T00:00:00.000Z');
      const records = Array.from({ length: 40 }, (_, index) =>
        logRecord({
          projectId: index % 5 === 0 ? null : project,
          principalId: `${prefix}-key-${index % 3}`,
          keyPrefix: index % 3 === 2 ? null : `sk-sb-${index % 3}`,
          time: new Date(base + index * 37 * 60_000).toISOString(),
          model: ['mock/echo', 'mock/other', 'openai/gpt-4o-mini'][index % 3] as string,
          provider: index % 4 === 0 ? 'openai' : 'mock',
          status: index % 9 === 0 ? 502 : 200,
          error: index % 9 === 0 ? 'upstream failed' : null,
          cacheStatus: index % 6 === 0 ? 'HIT' : 'MISS',
          tokens: {
            input: 10 + index,
            output: index % 7 === 0 ? null : 2 * index,
            noCache: 10,
            cacheRead: index % 2,
            cacheWrite: index % 3,
            reasoning: index % 4 === 0 ? 3 : null,
          },
          cost:
            index % 8 === 0
              ? null
              : {
                  total: `0.0000${index}7`,
                  market: '0',
                  inference: '0',
                  input: '0',
                  output: '0',
                  isByok: false,
                  estimated: false,
                },
          latencyMs: 10 + ((index * 13) % 50) + 0.25,
          ttftMs: index % 5 === 1 ? null : 5 + ((index * 7) % 30),
        }),
      );
      await store.write(records);
      const scoped = { from: '2026-05-03T00:00:00.000Z', to: '2026-05-04T06:00:00.000Z' };
      for (const groupBy of ['model', 'provider', 'project', 'key', 'none'] as const) {
        for (const bucket of ['hour', 'day'] as const) {
          const query = { ...scoped, groupBy, bucket };
          const report = await store.usage(query);
          // Only this test's records fall in this range.
          expect(report).toEqual(aggregateRecords(records, query));
        }
      }
      const byModel = await store.usage({ ...scoped, groupBy: 'model', bucket: 'day' });
      expect(byModel.total.requests).toBe(40);
      expect(byModel.totals.map((row) => row.group)).toEqual([
        'mock/echo',
        'mock/other',
        'openai/gpt-4o-mini',
      ]);
    });

    it('answers an empty range with zeros', async () => {
      const store = makeStore();
      const report = await store.usage({
        from: '1999-01-01T00:00:00.000Z',
        to: '1999-01-02T00:00:00.000Z',
        bucket: 'hour',
        groupBy: 'model',
      });
      expect(report.series).toEqual([]);
      expect(report.totals).toEqual([]);
      expect(report.total).toMatchObject({ requests: 0, spend: '0', ttftP50: null });
    });
  });
}
