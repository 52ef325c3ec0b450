import { spawn } from 'node:child_process';
import { runCommand } from './run-command.js';

/**
 * Starts `node <script>` in `cwd`, waits for it to print `listening <port>`, runs `check(origin)`
 * and stops the app (SIGTERM, then SIGKILL). Throws with the app's output when it does not start
 * within `timeoutMs` or when the check fails.
 */
export async function withRunningApp<T>(
  node: string,
  script: string,
  cwd: string,
  env: NodeJS.ProcessEnv,
  check: (origin: string) => Promise<T>,
  timeoutMs = 30_000,
): Promise<T> {
  const child = spawn(node, [script], { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const origin = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`${script} did not start in ${timeoutMs} ms:\n${output}`)),
      timeoutMs,
    );
    const onData = (chunk: Buffer): void => {
      output += chunk;
      const match = /listening (\d+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(`http://127.0.0.1:${match[1]}`);
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${script} exited with ${code} before listening:\n${output}`));
    });
  });
  try {
    return await check(origin);
  } catch (error) {
    throw new Error(`${error instanceof Error ? error.message : String(error)}\napp output:\n${output}`);
  } finally {
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
    await exited;
    clearTimeout(timer);
  }
}

/** The `node` binary of a major version (`npx -y node@22`), or this process's own for `current`, and its version. */
export async function nodeBinary(version: string): Promise<{ path: string; version: string }> {
  if (version === 'current') return { path: process.execPath, version: process.versions.node };
  const result = await runCommand(
    'npx',
    ['-y', `node@${version}`, '-p', 'process.execPath + " " + process.versions.node'],
    { timeoutMs: 300_000 },
  );
  const [path, full] = result.stdout.trim().split('\n').pop()?.split(' ') ?? [];
  if (result.code !== 0 || !path || !full) throw new Error(`cannot get Node ${version}: ${result.stderr}`);
  return { path, version: full };
}
