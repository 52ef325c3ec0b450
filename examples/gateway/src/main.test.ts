import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('..', import.meta.url));

/** Starts `pnpm start`'s entry point as a real process and resolves with its URL and dev key. */
async function startProcess(
  env: Record<string, string>,
): Promise<{ child: ChildProcess; url: string; output: () => string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: root,
    env: { ...process.env, HOST: '127.0.0.1', PORT: '0', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  const deadline = Date.now() + 45_000;
  while (!/listening on (http:\/\/\S+)\/v1/.test(output)) {
    if (child.exitCode !== null || Date.now() > deadline)
      throw new Error(`gateway did not start:\n${output}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  const url = /listening on (http:\/\/\S+)\/v1/.exec(output)?.[1] ?? '';
  await new Promise((resolve) => setTimeout(resolve, 100)); // let the key lines arrive
  return { child, url, output: () => output };
}

// Real processes started with tsx: slow to boot on a loaded 2-core machine, hence the longer timeout.
describe('examples/gateway main', { timeout: 60_000 }, () => {
  let child: ChildProcess | undefined;
  afterEach(() => {
    child?.kill('SIGKILL');
  });

  it('starts with no configuration, prints a development key and a curl line that works', async () => {
    const started = await startProcess({ SIGNALBOX_API_KEYS: '' });
    child = started.child;
    const key = /(sk-sb-[A-Za-z0-9_-]{20,})/.exec(started.output())?.[1];
    expect(key).toBeDefined();
    expect(started.output()).toContain(`curl ${started.url}/v1/chat/completions`);
    const response = await fetch(`${started.url}/v1/chat/completions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'mock/echo', messages: [{ role: 'user', content: 'Hello' }] }),
    });
    expect(response.status).toBe(200);
    expect(
      ((await response.json()) as { choices: Array<{ message: { content: string } }> }).choices[0]?.message
        .content,
    ).toBe('echo: Hello');
  });

  it('finishes in-flight streams on SIGTERM, then exits 0', async () => {
    const started = await startProcess({
      SIGNALBOX_API_KEYS: 'sk-sb-process-test-key',
      SIGNALBOX_FRAMEWORK: 'koa',
    });
    child = started.child;
    const response = await fetch(`${started.url}/v1/chat/completions`, {
      method: 'POST',
      headers: { authorization: 'Bearer sk-sb-process-test-key', 'content-type': 'application/json' },
      body: JSON.stringify({
        model: 'mock/echo:drip-40',
        stream: true,
        messages: [{ role: 'user', content: 'one two three four five six' }],
      }),
    });
    expect(response.status).toBe(200);
    child.kill('SIGTERM');
    const text = await response.text();
    expect(text).toContain('data: [DONE]');
    const [code] = await once(child, 'exit');
    expect(code).toBe(0);
  });
});
