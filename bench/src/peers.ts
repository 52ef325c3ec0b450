/**
 * `pnpm bench:peers`: the plain proxy, the Signalbox Koa full stack and the Portkey gateway
 * (`@portkey-ai/gateway`, installed with npm in a temp folder) against the same fast fake
 * upstream, in one run. Prints the table and Signalbox's ratio to Portkey (target >= 5x), writes
 * `bench/results/peers-<date>.json`.
 *
 * @module
 */
import { FAST_REPLY_TEXT } from '@signalbox/testing/upstreams';
import { parseBenchArgs } from './args.js';
import { describeMachine, machineInfo } from './machine.js';
import { measure } from './measure.js';
import { installPortkey, PORTKEY_VERSION, startPortkey } from './peers/portkey.js';
import { probe } from './probe.js';
import { CHAT_COMPLETIONS_PATH, chatBody } from './requests.js';
import { writeResults } from './results.js';
import { type RowResult, runRow, toRowResult, unavailableRow } from './run-row.js';
import { ROWS, type RowSpec } from './rows.js';
import { prepareServerRuntime } from './server-runtime.js';
import { spawnServer } from './spawn-server.js';
import { formatRowsTable, formatTargets, type TargetCheck } from './table.js';

const options = parseBenchArgs(process.argv.slice(2));
const machine = machineInfo();
const startedAt = new Date().toISOString();
const portkeyRow: RowSpec = {
  id: 'portkey',
  label: `Portkey gateway ${PORTKEY_VERSION} (npm, Node)`,
  servers: [],
  baseline: 'proxy',
};

console.log(`Signalbox bench:peers: ${describeMachine(machine)}\n`);
const runtime = await prepareServerRuntime(options);
const upstream = await spawnServer({ kind: 'upstream' }, runtime.spawn);
const done = new Map<string, RowResult>();
const results: RowResult[] = [];
try {
  for (const row of ROWS.filter((each) => each.id === 'proxy' || each.id === 'koa-full')) {
    process.stdout.write(`  ${row.label} ... `);
    const result = await runRow(row, { upstreamUrl: upstream.url, options, done, spawn: runtime.spawn });
    done.set(row.id, result);
    results.push(result);
    console.log(result.available ? `${result.requestsPerSecond} req/s` : `not available: ${result.note}`);
  }
  process.stdout.write(`  ${portkeyRow.label} ... `);
  let portkey: RowResult;
  try {
    const script = await installPortkey((line) => process.stdout.write(`\n    ${line}\n    `));
    const server = await startPortkey(script);
    try {
      const request = {
        path: CHAT_COMPLETIONS_PATH,
        headers: {
          'content-type': 'application/json',
          authorization: 'Bearer sk-test',
          'x-portkey-provider': 'openai',
          'x-portkey-custom-host': `${upstream.url}/v1`,
        },
        body: chatBody({ model: 'gpt-4o-mini' }),
      };
      const checked = await probe({
        url: server.url,
        ...request,
        stream: false,
        expectText: FAST_REPLY_TEXT,
      });
      if (!checked.ok) throw new Error(`its answer is not the upstream's: ${checked.problem}`);
      const { load, server: stats } = await measure(server, request, {
        connections: options.connections,
        warmupSeconds: options.warmupSeconds,
        durationSeconds: options.durationSeconds,
      });
      portkey = toRowResult(portkeyRow, {
        kind: 'portkey',
        load,
        server: stats,
        baseline: done.get('proxy'),
        proxy: done.get('proxy'),
        overallRate: undefined,
      });
    } finally {
      await server.stop();
    }
  } catch (error) {
    portkey = unavailableRow(portkeyRow, error instanceof Error ? error.message : String(error));
  }
  results.push(portkey);
  console.log(portkey.available ? `${portkey.requestsPerSecond} req/s` : `not available: ${portkey.note}`);
} finally {
  await upstream.stop();
}

const koa = results.find((row) => row.id === 'koa-full');
const peer = results.find((row) => row.id === 'portkey');
const ratio =
  koa?.available && peer?.available && peer.requestsPerSecond > 0
    ? Math.round((koa.requestsPerSecond / peer.requestsPerSecond) * 100) / 100
    : undefined;
const targets: TargetCheck[] = [
  {
    target: 'Signalbox Koa full stack >= 5x the Portkey gateway',
    measured:
      ratio === undefined
        ? 'not measured'
        : `${ratio.toFixed(2)}x (${koa?.requestsPerSecond} vs ${peer?.requestsPerSecond} req/s; CPU ${koa?.cpuMicrosPerRequest ?? '?'} vs ${peer?.cpuMicrosPerRequest ?? '?'} us/req)`,
    met: ratio === undefined ? undefined : ratio >= 5,
  },
];
console.log(`\n${formatRowsTable(results)}\n\n${formatTargets(targets)}\n`);
if (options.write) {
  const path = writeResults('peers', {
    machine,
    startedAt,
    settings: {
      runtime: runtime.description,
      connections: options.connections,
      warmupSeconds: options.warmupSeconds,
      durationSeconds: options.durationSeconds,
    },
    rows: results,
    targets,
  });
  console.log(`Results: ${path}`);
}
