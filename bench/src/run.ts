/**
 * `pnpm bench` (`--quick` for CI): the fake upstream, the baselines and the Signalbox stacks, each
 * in its own child process, measured with autocannon in one run; then 1,000 concurrent streams.
 * Prints the tables and the targets, writes `bench/results/<date>.json` and `latest.json`.
 *
 * @module
 */
import { parseBenchArgs } from './args.js';
import { describeMachine, machineInfo } from './machine.js';
import { writeResults } from './results.js';
import { type RowResult, runRow } from './run-row.js';
import { selectRows } from './rows.js';
import type { ServerKind } from './servers/server-kind.js';
import { prepareServerRuntime } from './server-runtime.js';
import { spawnServer } from './spawn-server.js';
import { formatStreamsTable, runStreams, type StreamsResult } from './streams.js';
import { formatRowsTable, formatTargets } from './table.js';
import { checkTargets } from './targets.js';

const options = parseBenchArgs(process.argv.slice(2));
const machine = machineInfo();
const startedAt = new Date().toISOString();
const wantStreams = options.only.length === 0 || options.only.includes('streams');
const rows = selectRows(options.only.filter((id) => id !== 'streams'));
const skipRows = options.only.length > 0 && rows.length === 0 ? [] : rows;

const runtime = await prepareServerRuntime(options);
console.log(`Signalbox bench${options.quick ? ' (quick)' : ''}: ${describeMachine(machine)}`);
console.log(
  `${options.connections} connections, ${options.warmupSeconds} s warm-up + ${options.durationSeconds} s per row; ` +
    `each server in its own process (${runtime.description}); the load generator (autocannon) runs in this one.\n`,
);

const upstream = await spawnServer({ kind: 'upstream' }, runtime.spawn);
const done = new Map<string, RowResult>();
const results: RowResult[] = [];
const streams: StreamsResult[] = [];
try {
  for (const row of skipRows) {
    process.stdout.write(`  ${row.label} ... `);
    const result = await runRow(row, { upstreamUrl: upstream.url, options, done, spawn: runtime.spawn });
    done.set(row.id, result);
    results.push(result);
    console.log(
      result.available
        ? `${result.requestsPerSecond} req/s, p50 ${result.p50Ms} ms, p99 ${result.p99Ms} ms${result.ratio !== undefined ? `, ${result.ratio}x ${result.baseline}` : ''}${result.note ? ` (${result.note})` : ''}`
        : `not available: ${result.note}`,
    );
  }
  if (wantStreams) {
    const streamServers: Array<[ServerKind, string]> = [
      ['signalbox-koa-full', 'Signalbox full stack (Koa)'],
      // The reference costs another stream-length wait: left out of the quick run.
      ...(options.quick ? [] : [['plain-proxy', 'plain proxy (reference)'] as [ServerKind, string]]),
    ];
    for (const [kind, label] of streamServers) {
      process.stdout.write(`  ${options.streams} concurrent streams, ${label} ... `);
      const handle = await spawnServer({ kind, upstreamUrl: upstream.url }, runtime.spawn);
      try {
        const result = await runStreams(handle, { label, streams: options.streams, dripMs: options.dripMs });
        streams.push(result);
        console.log(`${result.completed}/${result.streams} completed, peak RSS ${result.peakRssMb} MB`);
      } finally {
        await handle.stop();
      }
    }
  }
} finally {
  await upstream.stop();
}

const targets = checkTargets(results, streams);
console.log(`\n${formatRowsTable(results)}\n`);
if (streams.length > 0) console.log(`${formatStreamsTable(streams)}\n`);
console.log(`${formatTargets(targets)}\n`);
if (options.write) {
  const path = writeResults('bench', {
    machine,
    startedAt,
    settings: {
      runtime: runtime.description,
      quick: options.quick,
      connections: options.connections,
      warmupSeconds: options.warmupSeconds,
      durationSeconds: options.durationSeconds,
      streams: options.streams,
      dripMs: options.dripMs,
    },
    rows: results,
    streams,
    targets,
  });
  console.log(`Results: ${path}`);
}

// The run fails (exit 1) when the benchmark itself is broken, never on a timing: a row that could
// not run, answers that were not 2xx, streams that did not complete.
const broken = [
  ...results.filter((row) => !row.available).map((row) => `${row.label}: not available (${row.note})`),
  ...results
    .filter((row) => row.available && row.non2xx > 0)
    .map((row) => `${row.label}: ${row.non2xx} non-2xx responses`),
  ...streams
    .filter((result) => result.failed > 0)
    .map((result) => `${result.label}: ${result.failed} streams failed (${result.firstError})`),
];
if (broken.length > 0) {
  console.error(`The benchmark is broken:\n  ${broken.join('\n  ')}`);
  process.exitCode = 1;
}
