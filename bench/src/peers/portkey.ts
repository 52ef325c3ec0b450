import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { ServerStats } from '../child-protocol.js';

/** The Portkey gateway release the peer row runs, and the pins it needs on Node 20. */
export const PORTKEY_VERSION = '1.15.2';
export const PORTKEY_OVERRIDES = { hono: '4.9.7', '@hono/node-server': '1.13.5', '@hono/node-ws': '1.2.0' };

/** The temp folder the peer is installed in (kept between runs; reinstalled when its pins change). */
export const PORTKEY_DIR = join(tmpdir(), `signalbox-bench-portkey-${PORTKEY_VERSION}`);

const run = promisify(execFile);

/** The package.json of the install folder: the gateway and the npm overrides. */
export function portkeyManifest(): Record<string, unknown> {
  return {
    name: 'signalbox-bench-portkey',
    private: true,
    dependencies: { '@portkey-ai/gateway': PORTKEY_VERSION },
    overrides: PORTKEY_OVERRIDES,
  };
}

/**
 * Installs `@portkey-ai/gateway` with `npm install` in {@link PORTKEY_DIR} (once) and returns the
 * path of its server script. Throws with npm's own output when the install fails.
 */
export async function installPortkey(log: (line: string) => void = () => {}): Promise<string> {
  const script = join(PORTKEY_DIR, 'node_modules/@portkey-ai/gateway/build/start-server.js');
  const manifestPath = join(PORTKEY_DIR, 'package.json');
  const manifest = `${JSON.stringify(portkeyManifest(), null, 2)}\n`;
  if (existsSync(script) && existsSync(manifestPath) && readFileSync(manifestPath, 'utf8') === manifest)
    return script;
  mkdirSync(PORTKEY_DIR, { recursive: true });
  writeFileSync(manifestPath, manifest);
  log(
    `Installing @portkey-ai/gateway@${PORTKEY_VERSION} in ${PORTKEY_DIR} (npm, overrides ${JSON.stringify(PORTKEY_OVERRIDES)})...`,
  );
  try {
    await run('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error'], {
      cwd: PORTKEY_DIR,
      timeout: 300_000,
      maxBuffer: 10 * 1024 * 1024,
    });
  } catch (error) {
    const failure = error as { stderr?: string; stdout?: string; message?: string };
    throw new Error(
      `npm install failed: ${(failure.stderr || failure.stdout || failure.message || String(error)).trim()}`,
    );
  }
  if (!existsSync(script)) throw new Error(`npm install finished but ${script} is missing`);
  return script;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** Reads VmRSS and VmHWM (peak) of a process from /proc, in bytes; zeros where /proc is missing. */
export function procMemory(pid: number): { rssBytes: number; peakRssBytes: number } {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (name: string) =>
      Number(new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? 0) * 1024;
    return { rssBytes: kb('VmRSS'), peakRssBytes: kb('VmHWM') };
  } catch {
    return { rssBytes: 0, peakRssBytes: 0 };
  }
}

/**
 * CPU time (user + system) a process used so far, in microseconds, from /proc/<pid>/stat (clock
 * ticks of 10 ms, Linux's usual USER_HZ of 100); undefined where /proc is missing.
 */
export function procCpuMicros(pid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name (which may hold spaces) start after the last ')'.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ticks = Number(fields[11]) + Number(fields[12]);
    return Number.isFinite(ticks) ? ticks * 10_000 : undefined;
  } catch {
    return undefined;
  }
}

/** The Portkey gateway running in its own process. */
export interface PortkeyServer {
  readonly kind: 'portkey';
  readonly url: string;
  stats(): Promise<ServerStats>;
  reset(): Promise<void>;
  stop(): Promise<void>;
}

/** Starts the installed gateway (`start-server.js --port=<p> --headless`, `NODE_ENV=production`). */
export async function startPortkey(script: string): Promise<PortkeyServer> {
  const port = await freePort();
  const child: ChildProcess = spawn(process.execPath, [script, `--port=${port}`, '--headless'], {
    env: { ...process.env, NODE_ENV: 'production' },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-4000);
  });
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null)
      throw new Error(`the Portkey gateway exited with code ${child.exitCode}: ${stderr}`);
    try {
      const response = await fetch(`${url}/`);
      if (response.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`the Portkey gateway did not answer on ${url} within 30 s: ${stderr}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  const pid = child.pid ?? 0;
  let cpuFrom = procCpuMicros(pid);
  return {
    kind: 'portkey',
    url,
    stats: async () => {
      const now = procCpuMicros(pid);
      return {
        ...procMemory(pid),
        ...(now !== undefined && cpuFrom !== undefined && { cpuMicros: now - cpuFrom }),
      };
    },
    reset: async () => {
      cpuFrom = procCpuMicros(pid);
    },
    async stop() {
      if (child.exitCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 3_000);
      await exited;
      clearTimeout(timer);
    },
  };
}
