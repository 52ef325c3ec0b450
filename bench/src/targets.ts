import type { RowResult } from './run-row.js';
import type { StreamsResult } from './streams.js';
import type { TargetCheck } from './table.js';

/** The design's speed targets, checked against the rows and streams of one run. */
export function checkTargets(rows: RowResult[], streams: StreamsResult[]): TargetCheck[] {
  const byId = new Map(rows.filter((row) => row.available).map((row) => [row.id, row]));
  const ratioCheck = (id: string, target: string, minimum: number): TargetCheck => {
    const row = byId.get(id);
    if (row?.ratio === undefined) return { target, measured: 'not measured', met: undefined };
    return {
      target,
      measured: `${row.ratio.toFixed(2)}x (${row.requestsPerSecond} req/s)`,
      met: row.ratio >= minimum,
    };
  };
  const checks = [
    ratioCheck('koa-full', 'Koa full stack >= 0.75x the plain proxy', 0.75),
    ratioCheck('express-full', 'Express full stack >= 0.9x bare Express + undici', 0.9),
    ratioCheck('cache-hit', 'cache hit >= 1.0x the plain proxy', 1),
  ];
  const half = byId.get('koa-full-half');
  checks.push(
    half?.addedP99Ms === undefined
      ? {
          target: "p99 added <= 2 ms at half the proxy's max rate (Koa full)",
          measured: 'not measured',
          met: undefined,
        }
      : {
          target: "p99 added <= 2 ms at half the proxy's max rate (Koa full)",
          measured: `${half.addedP99Ms.toFixed(2)} ms (p99 ${half.p99Ms.toFixed(2)} vs ${byId.get('proxy-half')?.p99Ms.toFixed(2)} ms at ${half.targetRate} req/s)`,
          met: half.addedP99Ms <= 2,
        },
  );
  const gateway = streams.find((result) => result.server !== 'plain-proxy');
  checks.push(
    gateway === undefined
      ? { target: '1,000 concurrent streams <= 300 MB RSS', measured: 'not measured', met: undefined }
      : {
          target: '1,000 concurrent streams <= 300 MB RSS',
          measured: `peak ${gateway.peakRssMb.toFixed(0)} MB, ${gateway.maxOpen} open at once, ${gateway.completed}/${gateway.streams} completed`,
          met: gateway.peakRssMb <= 300 && gateway.completed === gateway.streams && gateway.maxOpen >= 1000,
        },
  );
  return checks;
}
