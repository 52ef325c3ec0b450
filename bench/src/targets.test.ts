import { describe, expect, it } from 'vitest';
import { unavailableRow, type RowResult } from './run-row.js';
import type { StreamsResult } from './streams.js';
import { checkTargets } from './targets.js';

const row = (id: string, fields: Partial<RowResult>): RowResult => ({
  ...unavailableRow({ id, label: id, servers: ['plain-proxy'] }, ''),
  available: true,
  ...fields,
});

const streams: StreamsResult = {
  label: 'Koa full',
  server: 'signalbox-koa-full',
  streams: 1000,
  dripMs: 200,
  completed: 1000,
  failed: 0,
  maxOpen: 1000,
  durationMs: 3000,
  rssBeforeMb: 90,
  peakRssMb: 180,
  rssAfterMb: 120,
};

describe('checkTargets', () => {
  it('checks every target it has figures for', () => {
    const checks = checkTargets(
      [
        row('koa-full', { ratio: 0.8, requestsPerSecond: 8000 }),
        row('express-full', { ratio: 0.85, requestsPerSecond: 4000 }),
        row('koa-full-half', { addedP99Ms: 1.2, p99Ms: 4, targetRate: 5000 }),
        row('proxy-half', { p99Ms: 2.8 }),
      ],
      [streams],
    );
    expect(checks.map((check) => check.met)).toEqual([true, false, undefined, true, true]);
    expect(checks[2]?.measured).toBe('not measured');
  });

  it('does not count a streams scenario that never had them all open', () => {
    const [, , , , check] = checkTargets([], [{ ...streams, maxOpen: 700 }]);
    expect(check?.met).toBe(false);
  });
});
