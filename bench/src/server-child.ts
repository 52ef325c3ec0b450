/**
 * A server child: starts one server of the harness (`BENCH_SERVER` = a `ServerSpec` as JSON) on
 * 127.0.0.1, port 0, reports `ready` with its URL over IPC, answers `stats`/`reset` with its
 * event-loop delay and RSS, and exits on `stop` (or when the harness goes away).
 *
 * @module
 */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type ChildMessage, isParentMessage } from './child-protocol.js';
import { startProcessMonitor } from './process-monitor.js';
import { parseServerSpec, type ServerSpec } from './servers/server-kind.js';

interface Started {
  url: string;
  close: () => Promise<void>;
}

function send(message: ChildMessage): void {
  process.send?.(message);
}

async function listen(created: { server: Server; close: () => Promise<void> }): Promise<Started> {
  const { server } = created;
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await created.close();
    },
  };
}

/** Starts the server; each kind imports only its own modules, so RSS compares like with like. */
async function start(spec: ServerSpec): Promise<Started> {
  const upstream = spec.upstreamUrl ?? '';
  switch (spec.kind) {
    case 'upstream': {
      const { startFakeOpenAI } = await import('@signalbox/testing/upstreams');
      const fake = await startFakeOpenAI({ fast: true, validate: false });
      return { url: fake.url, close: () => fake.close() };
    }
    case 'plain-proxy':
      return listen((await import('./servers/plain-proxy.js')).createPlainProxy(upstream));
    case 'bare-express':
      return listen((await import('./servers/bare-express.js')).createBareExpress(upstream));
    case 'bare-koa':
      return listen((await import('./servers/bare-koa.js')).createBareKoa(upstream));
    case 'signalbox-koa-full':
      return listen((await import('./servers/signalbox-stacks.js')).createFullStack('koa', upstream));
    case 'signalbox-express-full':
      return listen((await import('./servers/signalbox-stacks.js')).createFullStack('express', upstream));
    case 'signalbox-koa-minimal':
      return listen((await import('./servers/signalbox-stacks.js')).createMinimalStack('koa', upstream));
    case 'signalbox-koa-cache':
      return listen(await (await import('./servers/signalbox-stacks.js')).createCacheStack(upstream));
  }
}

async function main(): Promise<void> {
  const spec = parseServerSpec(process.env.BENCH_SERVER);
  const monitor = startProcessMonitor();
  const started = await start(spec);
  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    monitor.stop();
    const force = setTimeout(() => process.exit(0), 3_000);
    force.unref();
    await started.close().catch(() => {});
    // process.exit (not a signal) so that --cpu-prof writes its profile.
    process.exit(0);
  };
  process.on('message', (message: unknown) => {
    if (!isParentMessage(message)) return;
    if (message.type === 'stop') void stop();
    else if (message.type === 'reset') {
      monitor.reset();
      send({ type: 'reset', id: message.id });
    } else send({ type: 'stats', id: message.id, stats: monitor.stats() });
  });
  process.on('disconnect', () => void stop());
  send({ type: 'ready', url: started.url, pid: process.pid });
}

main().catch((error: unknown) => {
  send({ type: 'failed', message: error instanceof Error ? (error.stack ?? error.message) : String(error) });
  process.exitCode = 1;
  setTimeout(() => process.exit(1), 100).unref();
});
