import { type ChildProcess, fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { type ChildMessage, isChildMessage, type ServerStats } from './child-protocol.js';
import type { ServerSpec } from './servers/server-kind.js';

/** A server running in its own child process. */
export interface ServerHandle {
  readonly kind: string;
  /** `http://127.0.0.1:<port>` */
  readonly url: string;
  readonly pid: number;
  stats(): Promise<ServerStats>;
  /** Starts a new measurement window in the child (event-loop delay, peak RSS). */
  reset(): Promise<void>;
  /** Asks the child to close and exit; kills it when it does not within 5 s. */
  stop(): Promise<void>;
}

/** Options of {@link spawnServer}. */
export interface SpawnOptions {
  /**
   * The compiled server child (`buildServers()`), run by plain Node; without it the TypeScript
   * entry runs through tsx.
   */
  entry?: string;
  /** Extra Node flags (`--cpu-prof`...). */
  nodeFlags?: string[];
  /** Milliseconds to wait for `ready`; default 30 s. */
  timeoutMs?: number;
}

const benchRoot = fileURLToPath(new URL('..', import.meta.url));
const childEntry = fileURLToPath(new URL('./server-child.ts', import.meta.url));

function waitForExit(child: ChildProcess, ms: number): Promise<boolean> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(true);
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), ms);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve(true);
    });
  });
}

/**
 * Starts a server child (the compiled `entry`, or `server-child.ts` through tsx;
 * `NODE_ENV=production`) and resolves once it listens. Its stdout and stderr go to this process's.
 */
export async function spawnServer(spec: ServerSpec, options: SpawnOptions = {}): Promise<ServerHandle> {
  const child = fork(options.entry ?? childEntry, [], {
    cwd: benchRoot,
    execArgv: [...(options.entry ? [] : ['--import', 'tsx']), ...(options.nodeFlags ?? [])],
    env: { ...process.env, NODE_ENV: 'production', BENCH_SERVER: JSON.stringify(spec) },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const waiting = new Map<number, (message: ChildMessage) => void>();
  let nextId = 1;
  child.on('message', (message: unknown) => {
    if (!isChildMessage(message) || !('id' in message)) return;
    waiting.get(message.id)?.(message);
    waiting.delete(message.id);
  });

  const ready = await new Promise<{ url: string; pid: number }>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${spec.kind}: not ready after ${options.timeoutMs ?? 30_000} ms`));
    }, options.timeoutMs ?? 30_000);
    const onMessage = (message: unknown) => {
      if (!isChildMessage(message)) return;
      if (message.type === 'ready') {
        clearTimeout(timer);
        child.off('message', onMessage);
        resolve({ url: message.url, pid: message.pid });
      } else if (message.type === 'failed') {
        clearTimeout(timer);
        reject(new Error(`${spec.kind} failed to start: ${message.message}`));
      }
    };
    child.on('message', onMessage);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${spec.kind} exited with code ${code} before it was ready`));
    });
  });

  function ask(type: 'stats' | 'reset'): Promise<ChildMessage> {
    const id = nextId++;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`${spec.kind}: no answer to ${type}`)), 10_000);
      waiting.set(id, (message) => {
        clearTimeout(timer);
        resolve(message);
      });
      child.send({ type, id });
    });
  }

  return {
    kind: spec.kind,
    url: ready.url,
    pid: ready.pid,
    async stats() {
      const answer = await ask('stats');
      if (answer.type !== 'stats') throw new Error(`${spec.kind}: unexpected answer ${answer.type}`);
      return answer.stats;
    },
    async reset() {
      await ask('reset');
    },
    async stop() {
      if (child.connected) child.send({ type: 'stop' });
      if (!(await waitForExit(child, 5_000))) {
        child.kill('SIGKILL');
        await waitForExit(child, 2_000);
      }
    },
  };
}
