/**
 * `pnpm bench:profile [--only koa-full|express-full|koa-minimal|cache-hit] [--duration 10]`: runs
 * one Signalbox server under `node --cpu-prof` with the benchmark's load, then prints the
 * functions with the most self time and the time by package. The profile is kept in
 * `bench/results/profiles/` (open it in Chrome DevTools or VS Code); `--file <x.cpuprofile>` reads an
 * existing one instead.
 *
 * @module
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseBenchArgs } from './args.js';
import {
  type BundleMarker,
  bundleMarkers,
  bundleSourceOf,
  type CpuProfile,
  type SourceLocator,
  selfTimeByLocation,
  topSelfTime,
} from './cpu-profile.js';
import { measure } from './measure.js';
import { CHAT_COMPLETIONS_PATH, chatBody, chatHeaders } from './requests.js';
import { RESULTS_DIR } from './results.js';
import type { ServerKind } from './servers/server-kind.js';
import { prepareServerRuntime } from './server-runtime.js';
import { spawnServer } from './spawn-server.js';

const targets: Record<string, { kind: ServerKind; cache?: boolean; stream?: boolean }> = {
  'koa-full': { kind: 'signalbox-koa-full' },
  'express-full': { kind: 'signalbox-express-full' },
  'koa-minimal': { kind: 'signalbox-koa-minimal' },
  'cache-hit': { kind: 'signalbox-koa-full', cache: true },
  'koa-full-stream': { kind: 'signalbox-koa-full', stream: true },
  proxy: { kind: 'plain-proxy' },
};

const options = parseBenchArgs(process.argv.slice(2));
const name = options.only[0] ?? 'koa-full';
const target = targets[name];
if (!target) throw new Error(`Cannot profile ${name}: one of ${Object.keys(targets).join(', ')}`);
const started = Date.now();
// One folder per run: Node writes a profile per thread (tsx's loader has its own; the main thread's id is 0).
const directory = join(RESULTS_DIR, 'profiles', `${name}-${started}`);

/** Records a profile of the server under the benchmark's load; returns the main thread's file. */
async function record(
  kind: ServerKind,
  request: { cache?: boolean; stream?: boolean },
): Promise<string | undefined> {
  const runtime = await prepareServerRuntime(options);
  console.log(runtime.description);
  const upstream = await spawnServer({ kind: 'upstream' }, runtime.spawn);
  try {
    const server = await spawnServer(
      { kind, upstreamUrl: upstream.url },
      { ...runtime.spawn, nodeFlags: ['--cpu-prof', `--cpu-prof-dir=${directory}`] },
    );
    try {
      const { load } = await measure(
        server,
        {
          path: CHAT_COMPLETIONS_PATH,
          headers: chatHeaders({ cache: request.cache === true }),
          body: chatBody({ stream: request.stream === true }),
        },
        {
          connections: options.connections,
          warmupSeconds: options.warmupSeconds,
          durationSeconds: options.durationSeconds,
        },
      );
      console.log(
        `${name} under --cpu-prof: ${load.requestsPerSecond} req/s, p50 ${load.latency.p50Ms} ms, p99 ${load.latency.p99Ms} ms`,
      );
    } finally {
      await server.stop();
    }
  } finally {
    await upstream.stop();
  }
  return readdirSync(directory)
    .filter((entry) => /\.\d+\.0\.\d+\.cpuprofile$/.test(entry))
    .map((entry) => join(directory, entry))
    .at(0);
}

const file = options.file ?? (await record(target.kind, target));
if (!file) throw new Error(`No profile was written to ${directory}`);
const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
const bundles = new Map<string, BundleMarker[]>();
/** Bundled code (the compiled servers) is attributed to its source module. */
const locate: SourceLocator = (url, lineNumber) => {
  if (!url.includes('/.cache/signalbox-bench/')) return undefined;
  const path = fileURLToPath(url);
  let markers = bundles.get(path);
  if (markers === undefined) {
    markers = bundleMarkers(readFileSync(path, 'utf8'));
    bundles.set(path, markers);
  }
  return bundleSourceOf(markers, lineNumber);
};
const percent = (share: number) => `${(share * 100).toFixed(1)} %`;
console.log(`\nProfile: ${file}\n\nSelf time by place:`);
for (const entry of selfTimeByLocation(profile, locate).slice(0, 20))
  console.log(`  ${percent(entry.share).padStart(7)}  ${entry.location}`);
console.log('\nTop functions by self time:');
for (const entry of topSelfTime(profile, 40, locate))
  console.log(`  ${percent(entry.share).padStart(7)}  ${entry.name}  [${entry.location}]`);
