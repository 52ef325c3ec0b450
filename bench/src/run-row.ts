import type { BenchOptions } from './args.js';
import type { ServerStats } from './child-protocol.js';
import { compare } from './compare.js';
import type { LoadResult } from './load.js';
import { measure } from './measure.js';
import { probe } from './probe.js';
import { CHAT_COMPLETIONS_PATH, chatBody, chatHeaders } from './requests.js';
import type { RowSpec } from './rows.js';
import { type ServerHandle, type SpawnOptions, spawnServer } from './spawn-server.js';
import { FAST_REPLY_TEXT } from '@signalbox/testing/upstreams';

/** One row of the results. Latencies in ms, memory in MB. */
export interface RowResult {
  id: string;
  label: string;
  /** The server kind that answered (for `cache-hit`: which stack had the cache). */
  server?: string;
  baseline?: string;
  /** False when the row could not run; `note` says why. */
  available: boolean;
  note?: string;
  requestsPerSecond: number;
  /** The fixed rate asked for, for rate-limited rows. */
  targetRate?: number;
  p50Ms: number;
  p99Ms: number;
  meanMs: number;
  addedP50Ms?: number;
  addedP99Ms?: number;
  /** Requests per second over the baseline's. */
  ratio?: number;
  /** Requests per second over the plain proxy's (same mode: streamed rows over the streamed proxy). */
  vsProxy?: number;
  /** Server CPU time per 2xx response, microseconds (user + system). */
  cpuMicrosPerRequest?: number;
  /** The baseline's CPU per request over this row's (1 = as cheap as the baseline). */
  cpuRatio?: number;
  rssMb: number;
  peakRssMb: number;
  eventLoopP99Ms?: number;
  non2xx: number;
  errors: number;
}

const mb = (bytes: number) => Math.round((bytes / 1024 / 1024) * 10) / 10;

/** A row that could not run, with the reason. */
export function unavailableRow(row: RowSpec, note: string): RowResult {
  return {
    id: row.id,
    label: row.label,
    ...(row.baseline && { baseline: row.baseline }),
    available: false,
    note,
    requestsPerSecond: 0,
    p50Ms: 0,
    p99Ms: 0,
    meanMs: 0,
    rssMb: 0,
    peakRssMb: 0,
    non2xx: 0,
    errors: 0,
  };
}

/** Builds a row's result from its measurement, compared with its baseline and the plain proxy. */
export function toRowResult(
  row: RowSpec,
  measured: {
    kind: string;
    load: LoadResult;
    server: ServerStats;
    baseline: RowResult | undefined;
    proxy: RowResult | undefined;
    overallRate: number | undefined;
  },
): RowResult {
  const { load, server, baseline, proxy, overallRate } = measured;
  const cpuPerRequest =
    server.cpuMicros !== undefined && load.ok > 0 ? Math.round(server.cpuMicros / load.ok) : undefined;
  const figures = {
    requestsPerSecond: load.requestsPerSecond,
    p50Ms: load.latency.p50Ms,
    p99Ms: load.latency.p99Ms,
  };
  const result: RowResult = {
    id: row.id,
    label: row.label,
    server: measured.kind,
    ...(row.baseline && { baseline: row.baseline }),
    available: true,
    ...figures,
    ...(overallRate !== undefined && { targetRate: overallRate }),
    meanMs: load.latency.meanMs,
    ...(baseline?.available && compare(figures, baseline)),
    ...(proxy?.available && !row.rate && { vsProxy: compare(figures, proxy).ratio }),
    ...(cpuPerRequest !== undefined && { cpuMicrosPerRequest: cpuPerRequest }),
    ...(cpuPerRequest &&
      baseline?.cpuMicrosPerRequest && {
        cpuRatio: Math.round((baseline.cpuMicrosPerRequest / cpuPerRequest) * 100) / 100,
      }),
    rssMb: mb(server.rssBytes),
    peakRssMb: mb(server.peakRssBytes),
    ...(server.eventLoop && { eventLoopP99Ms: Math.round(server.eventLoop.p99Ms * 100) / 100 }),
    non2xx: load.non2xx,
    errors: load.errors,
  };
  if (load.non2xx > 0 || load.errors > 0)
    result.note = `${load.non2xx} non-2xx responses, ${load.errors} errors during the measured run`;
  return result;
}

/** Starts the row's server (the first of its candidates that answers as the row needs) and probes it. */
async function startChecked(
  row: RowSpec,
  upstreamUrl: string,
  spawn: SpawnOptions,
): Promise<{ handle: ServerHandle } | { problem: string }> {
  const problems: string[] = [];
  const request = {
    path: CHAT_COMPLETIONS_PATH,
    headers: chatHeaders({ cache: row.cache === true }),
    body: chatBody({ stream: row.stream === true }),
    stream: row.stream === true,
    expectText: FAST_REPLY_TEXT,
  };
  for (const kind of row.servers) {
    let handle: ServerHandle | undefined;
    try {
      handle = await spawnServer({ kind, upstreamUrl }, spawn);
      const first = await probe({ url: handle.url, ...request });
      const checked = row.cache && first.ok ? await probe({ url: handle.url, ...request }) : first;
      if (!checked.ok) throw new Error(checked.problem);
      if (row.cache && checked.cacheStatus !== 'HIT')
        throw new Error(
          `no cache hit on a repeated request (x-signalbox-cache-status: ${checked.cacheStatus ?? 'absent'})`,
        );
      return { handle };
    } catch (error) {
      problems.push(`${kind}: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`);
      await handle?.stop();
    }
  }
  return { problem: problems.join('; ') };
}

/**
 * Runs one row: starts its server in a child, checks one answer, warms up, measures, reads the
 * server's RSS, stops it, and compares with the baseline (already in `done`).
 */
export async function runRow(
  row: RowSpec,
  context: { upstreamUrl: string; options: BenchOptions; done: Map<string, RowResult>; spawn: SpawnOptions },
): Promise<RowResult> {
  const { options, done } = context;
  const baseline = row.baseline ? done.get(row.baseline) : undefined;
  if (row.baseline && !baseline?.available)
    return unavailableRow(row, `its baseline ${row.baseline} did not run`);
  let overallRate: number | undefined;
  if (row.rate) {
    const source = done.get(row.rate.of);
    if (!source?.available) return unavailableRow(row, `its rate source ${row.rate.of} did not run`);
    overallRate = Math.max(1, Math.round(source.requestsPerSecond * row.rate.fraction));
  }
  const started = await startChecked(row, context.upstreamUrl, context.spawn);
  if ('problem' in started) return unavailableRow(row, started.problem);
  const { handle } = started;
  try {
    const { load, server } = await measure(
      handle,
      {
        path: CHAT_COMPLETIONS_PATH,
        headers: chatHeaders({ cache: row.cache === true }),
        body: chatBody({ stream: row.stream === true }),
      },
      {
        connections: options.connections,
        warmupSeconds: options.warmupSeconds,
        durationSeconds: options.durationSeconds,
        ...(overallRate !== undefined && { overallRate }),
      },
    );
    return toRowResult(row, {
      kind: handle.kind,
      load,
      server,
      baseline,
      proxy: done.get(row.stream ? 'proxy-stream' : 'proxy'),
      overallRate,
    });
  } finally {
    await handle.stop();
  }
}
