/**
 * `pnpm bench:soak [--minutes 10] [--rate 1000] [--quick]`: the Koa full stack under a steady
 * load (a fixed rate of plain, streamed and cached requests in turn) for a bounded time, its RSS
 * sampled every 5 s after a warm-up; flat when the last third's mean is within 10 % of the first
 * third's. Prints the verdict, writes `bench/results/soak-<date>.json`.
 *
 * @module
 */
import { parseBenchArgs } from './args.js';
import { judgeFlatness } from './compare.js';
import { runLoad } from './load.js';
import { describeMachine, machineInfo } from './machine.js';
import { CHAT_COMPLETIONS_PATH, chatBody, chatHeaders } from './requests.js';
import { writeResults } from './results.js';
import { prepareServerRuntime } from './server-runtime.js';
import { spawnServer } from './spawn-server.js';

const options = parseBenchArgs(process.argv.slice(2));
const machine = machineInfo();
const startedAt = new Date().toISOString();
const measuredSeconds = Math.round(options.minutes * 60);
// A fifth of the run (at most 2 minutes) is warm-up, not measured: the bounded in-memory stores
// (request log and cost ledger, 10,000 records each; cache entries) fill first and V8 then sizes
// its old generation for them. Growth after that is what a leak looks like.
const warmupSeconds = Math.min(120, Math.max(5, Math.round(measuredSeconds / 5)));
const sampleEveryMs = measuredSeconds >= 120 ? 5_000 : 1_000;

console.log(`Signalbox soak: ${describeMachine(machine)}`);
console.log(
  `Koa full stack, ${options.rate} req/s (plain, streamed and cached requests in turn), ${options.connections} connections, ` +
    `${warmupSeconds} s warm-up, then ${measuredSeconds} s with RSS sampled every ${sampleEveryMs / 1000} s.\n`,
);

const runtime = await prepareServerRuntime(options);
const upstream = await spawnServer({ kind: 'upstream' }, runtime.spawn);
const gateway = await spawnServer({ kind: 'signalbox-koa-full', upstreamUrl: upstream.url }, runtime.spawn);
const samples: Array<{ seconds: number; rssMb: number; heapUsedMb: number; externalMb: number }> = [];
const mb = (bytes: number) => Math.round((bytes / 1024 / 1024) * 10) / 10;
let sampler: NodeJS.Timeout | undefined;
try {
  const loading = runLoad({
    url: gateway.url,
    path: CHAT_COMPLETIONS_PATH,
    requests: [
      { headers: chatHeaders(), body: chatBody() },
      { headers: chatHeaders(), body: chatBody({ stream: true }) },
      { headers: chatHeaders({ cache: true }), body: chatBody() },
    ],
    connections: options.connections,
    durationSeconds: warmupSeconds + measuredSeconds,
    overallRate: options.rate,
  });
  await new Promise((resolve) => setTimeout(resolve, warmupSeconds * 1000));
  const measuredFrom = performance.now();
  sampler = setInterval(() => {
    gateway
      .stats()
      .then((stats) => {
        const sample = {
          seconds: Math.round((performance.now() - measuredFrom) / 1000),
          rssMb: mb(stats.rssBytes),
          heapUsedMb: mb(stats.heapUsedBytes ?? 0),
          externalMb: mb(stats.externalBytes ?? 0),
        };
        samples.push(sample);
        if (samples.length % Math.max(1, Math.round(60_000 / sampleEveryMs)) === 0)
          console.log(
            `  ${sample.seconds} s: RSS ${sample.rssMb} MB, heap ${sample.heapUsedMb} MB, external ${sample.externalMb} MB`,
          );
      })
      .catch(() => {});
  }, sampleEveryMs);
  const load = await loading;
  clearInterval(sampler);
  const verdict = judgeFlatness(samples.map((sample) => sample.rssMb));
  const summary = {
    requestsPerSecond: load.requestsPerSecond,
    ok: load.ok,
    non2xx: load.non2xx,
    errors: load.errors,
    p50Ms: load.latency.p50Ms,
    p99Ms: load.latency.p99Ms,
  };
  console.log(
    `\n${load.ok} requests answered (${load.requestsPerSecond} req/s, p99 ${load.latency.p99Ms} ms, ${load.non2xx} non-2xx, ${load.errors} errors).`,
  );
  console.log(
    `RSS: first third ${(verdict.firstThirdMean).toFixed(1)} MB, last third ${verdict.lastThirdMean.toFixed(1)} MB ` +
      `(${(verdict.change * 100).toFixed(1)} %), ${samples.length} samples, min ${Math.min(...samples.map((sample) => sample.rssMb))} MB, max ${Math.max(...samples.map((sample) => sample.rssMb))} MB.`,
  );
  console.log(
    `Verdict: ${verdict.flat ? 'FLAT' : 'NOT FLAT'} (flat = the last third's mean within 10 % of the first third's).`,
  );
  if (options.write) {
    const path = writeResults('soak', {
      machine,
      startedAt,
      settings: {
        runtime: runtime.description,
        minutes: options.minutes,
        rate: options.rate,
        connections: options.connections,
        warmupSeconds,
      },
      load: summary,
      verdict,
      samples,
    });
    console.log(`Results: ${path}`);
  }
} finally {
  clearInterval(sampler);
  await gateway.stop();
  await upstream.stop();
}
