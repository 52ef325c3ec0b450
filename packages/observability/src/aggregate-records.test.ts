import { describe, expect, it } from 'vitest';
import { aggregateRecords, bucketStart, compareGroups } from './aggregate-records.js';
import { logRecord } from './test-records.js';

describe('aggregateRecords', () => {
  it('buckets in UTC, groups, sums exactly and takes percentiles', () => {
    const records = [
      logRecord({ time: '2026-05-01T10:05:00.000Z', model: 'b', ttftMs: 10, latencyMs: 100 }),
      logRecord({
        time: '2026-05-01T10:55:00.000Z',
        model: 'a',
        ttftMs: 30,
        latencyMs: 300,
        cacheStatus: 'HIT',
      }),
      logRecord({
        time: '2026-05-01T11:00:00.000Z',
        model: 'a',
        ttftMs: null,
        latencyMs: 50,
        status: 500,
        error: 'x',
        cost: null,
      }),
      logRecord({ time: '2026-05-01T12:00:00.000Z', model: 'a' }),
    ];
    const report = aggregateRecords(records, {
      from: '2026-05-01T10:00:00.000Z',
      to: '2026-05-01T12:00:00.000Z',
      bucket: 'hour',
      groupBy: 'model',
    });
    expect(report.series.map((row) => [row.bucket, row.group, row.requests])).toEqual([
      ['2026-05-01T10:00:00.000Z', 'a', 1],
      ['2026-05-01T10:00:00.000Z', 'b', 1],
      ['2026-05-01T11:00:00.000Z', 'a', 1],
    ]);
    expect(
      report.totals.map((row) => [row.group, row.requests, row.errors, row.cacheHits, row.spend]),
    ).toEqual([
      ['a', 2, 1, 1, '0.000015'],
      ['b', 1, 0, 0, '0.000015'],
    ]);
    expect(report.total).toMatchObject({
      requests: 3,
      spend: '0.00003',
      inputTokens: 30,
      ttftP50: 20,
      latencyP50: 100,
      latencyP95: 280,
    });
  });

  it('helpers: bucket starts and group order (null last)', () => {
    expect(bucketStart('2026-05-01T23:59:59.999Z', 'day')).toBe('2026-05-01T00:00:00.000Z');
    expect([null, 'b', 'B', 'a'].sort(compareGroups)).toEqual(['B', 'a', 'b', null]);
  });
});
