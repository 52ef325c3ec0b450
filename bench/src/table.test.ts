import { describe, expect, it } from 'vitest';
import { type RowResult, unavailableRow } from './run-row.js';
import { formatRowsTable, formatTargets } from './table.js';

const proxy: RowResult = {
  ...unavailableRow({ id: 'proxy', label: 'plain proxy', servers: ['plain-proxy'] }, ''),
  available: true,
  requestsPerSecond: 10000,
  p50Ms: 4.5,
  p99Ms: 9.25,
  cpuMicrosPerRequest: 60,
  rssMb: 70.4,
};

describe('formatRowsTable', () => {
  it('prints a Markdown row per result, comparisons where there is a baseline', () => {
    const koa: RowResult = {
      ...proxy,
      id: 'koa-full',
      label: 'Koa full',
      baseline: 'proxy',
      requestsPerSecond: 8000,
      ratio: 0.8,
      vsProxy: 0.8,
      addedP50Ms: 1.25,
      addedP99Ms: -0.5,
      cpuMicrosPerRequest: 75,
      cpuRatio: 0.8,
    };
    const lines = formatRowsTable([proxy, koa]).split('\n');
    expect(lines).toHaveLength(4);
    expect(lines[0]).toContain('| row | req/s |');
    expect(lines[2]).toBe('| plain proxy | 10000 | 4.50 | 9.25 |  |  |  |  |  | 60 |  | 70 |');
    expect(lines[3]).toBe(
      '| Koa full | 8000 | 4.50 | 9.25 | +1.25 | -0.50 | 0.80x | proxy | 0.80x | 75 | 0.80x | 70 |',
    );
  });

  it('says why a row is not available, and shows a fixed rate', () => {
    const table = formatRowsTable([
      unavailableRow({ id: 'cache-hit', label: 'cache hit', servers: ['signalbox-koa-cache'] }, 'no cache'),
      { ...proxy, targetRate: 5000, requestsPerSecond: 4990 },
    ]);
    expect(table).toContain('| cache hit | not available: no cache |');
    expect(table).toContain('| 4990 (rate 5000) |');
  });
});

describe('formatTargets', () => {
  it('marks met, missed and unmeasured targets', () => {
    const table = formatTargets([
      { target: 'a', measured: '1', met: true },
      { target: 'b', measured: '2', met: false },
      { target: 'c', measured: 'not measured', met: undefined },
    ]);
    expect(table.split('\n').slice(2)).toEqual([
      '| a | 1 | yes |',
      '| b | 2 | NO |',
      '| c | not measured | n/a |',
    ]);
  });
});
