import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import Anthropic from '@anthropic-ai/sdk';
import { testServerUrl } from '@signalbox/testing';
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FRAMEWORKS, startExample } from './helpers/start.js';

const ADMIN_KEY = 'e2e-limits-admin-key-0123456789';

async function createKey(url: string, body: Record<string, unknown>): Promise<{ id: string; key: string }> {
  const response = await fetch(`${url}/v1/admin/keys`, {
    method: 'POST',
    headers: { authorization: `Bearer ${ADMIN_KEY}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (response.status !== 201) throw new Error(`admin API: ${response.status} ${await response.text()}`);
  return (await response.json()) as { id: string; key: string };
}

describe.each(FRAMEWORKS)('rate limits end to end on %s', (framework) => {
  let gateway: Awaited<ReturnType<typeof startExample>>;
  beforeAll(async () => {
    gateway = await startExample(framework, { SIGNALBOX_ADMIN_KEY: ADMIN_KEY });
  });
  afterAll(() => gateway.close());

  it('sends the x-ratelimit headers and answers 429 with retry-after through the OpenAI SDK', async () => {
    const { key } = await createKey(gateway.url, {
      limits: { requestsPerMinute: 2, tokensPerMinute: 50_000 },
    });
    const openai = new OpenAI({ apiKey: key, baseURL: `${gateway.url}/v1`, maxRetries: 0 });
    const request = {
      model: 'mock/echo',
      max_tokens: 50,
      messages: [{ role: 'user' as const, content: 'hi' }],
    };
    const { response } = await openai.chat.completions.create(request).withResponse();
    expect(response.headers.get('x-ratelimit-limit-requests')).toBe('2');
    expect(response.headers.get('x-ratelimit-remaining-requests')).toBe('1');
    expect(response.headers.get('x-ratelimit-reset-requests')).toMatch(/^(\d+(\.\d+)?s|1m0s)$/);
    expect(response.headers.get('x-ratelimit-limit-tokens')).toBe('50000');
    expect(Number(response.headers.get('x-ratelimit-remaining-tokens'))).toBeLessThan(50_000 - 50);
    expect(response.headers.get('x-ratelimit-reset-tokens')).toBeTruthy();
    const stream = await openai.chat.completions.create({ ...request, stream: true }).withResponse();
    expect(stream.response.headers.get('x-ratelimit-remaining-requests')).toBe('0');
    for await (const _chunk of stream.data) {
      // drain
    }
    const error = await openai.chat.completions.create(request).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(OpenAI.RateLimitError);
    const limited = error as InstanceType<typeof OpenAI.RateLimitError>;
    expect(Number(limited.headers?.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(limited.code).toBe('rate_limit_exceeded');
    expect(limited.message).toMatch(/requests per minute \(RPM\): Limit 2, Used 2, Requested 1/);
  });

  it('answers 429 in the Anthropic shape on /v1/messages, over the token limit', async () => {
    const { key } = await createKey(gateway.url, { limits: { tokensPerMinute: 300 } });
    const anthropic = new Anthropic({ apiKey: key, baseURL: gateway.url, maxRetries: 0 });
    const message = {
      model: 'mock/echo',
      max_tokens: 200,
      messages: [{ role: 'user' as const, content: 'hello' }],
    };
    const { response } = await anthropic.messages.create(message).withResponse();
    expect(response.headers.get('x-ratelimit-limit-tokens')).toBe('300');
    // Reserves its max_tokens up front: with the first call's tokens, over the 300 per minute.
    const error = await anthropic.messages
      .create({ ...message, max_tokens: 295 })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(Anthropic.RateLimitError);
    const limited = error as InstanceType<typeof Anthropic.RateLimitError>;
    expect(limited.headers?.get('retry-after')).toBeTruthy();
    expect(limited.error).toMatchObject({
      type: 'error',
      error: {
        type: 'rate_limit_error',
        message: expect.stringContaining('tokens per minute (TPM): Limit 300'),
      },
    });
  });

  it('shares a project limit between its keys', async () => {
    await fetch(`${gateway.url}/v1/admin/projects`, {
      method: 'POST',
      headers: { authorization: `Bearer ${ADMIN_KEY}`, 'content-type': 'application/json' },
      body: JSON.stringify({ id: `team-${framework}`, limits: { requestsPerMinute: 2 } }),
    });
    const keys = await Promise.all(
      [1, 2].map(() => createKey(gateway.url, { projectId: `team-${framework}` })),
    );
    const statuses: number[] = [];
    for (const { key } of [...keys, ...keys]) {
      const response = await fetch(`${gateway.url}/v1/chat/completions`, {
        method: 'POST',
        headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
        body: JSON.stringify({
          model: 'mock/echo',
          max_tokens: 5,
          messages: [{ role: 'user', content: 'x' }],
        }),
      });
      statuses.push(response.status);
    }
    expect(statuses).toEqual([200, 200, 429, 429]);
  });
});

/** Starts the example gateway (`pnpm start`'s entry point) as a separate process. */
async function startProcess(env: Record<string, string>): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: fileURLToPath(new URL('../examples/gateway/', import.meta.url)),
    env: {
      ...process.env,
      HOST: '127.0.0.1',
      PORT: '0',
      SIGNALBOX_API_KEYS: 'sk-sb-two-process-static-01',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const deadline = Date.now() + 25_000;
  while (!/listening on (http:\/\/\S+)\/v1/.test(output)) {
    if (child.exitCode !== null || Date.now() > deadline)
      throw new Error(`gateway did not start:\n${output}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return { child, url: /listening on (http:\/\/\S+)\/v1/.exec(output)?.[1] ?? '' };
}

describe('two gateway processes, one limit (Postgres keys, Redis counters)', () => {
  const processes: ChildProcess[] = [];
  let urls: string[] = [];
  beforeAll(async () => {
    const env = {
      DATABASE_URL: testServerUrl('postgres'),
      REDIS_URL: testServerUrl('redis'),
      SIGNALBOX_ADMIN_KEY: ADMIN_KEY,
    };
    const started = await Promise.all([
      startProcess({ ...env, SIGNALBOX_FRAMEWORK: 'express' }),
      startProcess({ ...env, SIGNALBOX_FRAMEWORK: 'koa' }),
    ]);
    processes.push(...started.map((entry) => entry.child));
    urls = started.map((entry) => entry.url);
  }, 60_000);
  afterAll(() => {
    for (const child of processes) child.kill('SIGKILL');
  });

  it('lets through the limit (within one request) across both processes', async () => {
    const [first = '', second = ''] = urls;
    const created = await createKey(first, { name: 'two-process', limits: { requestsPerMinute: 6 } });
    const send = (url: string) =>
      fetch(`${url}/v1/chat/completions`, {
        method: 'POST',
        headers: { authorization: `Bearer ${created.key}`, 'content-type': 'application/json' },
        body: JSON.stringify({
          model: 'mock/echo',
          max_tokens: 5,
          messages: [{ role: 'user', content: 'x' }],
        }),
      });
    try {
      // The key created through the first process works on the second (shared Postgres store).
      const warmUp = await send(second);
      expect(warmUp.status).toBe(200);
      expect(warmUp.headers.get('x-ratelimit-remaining-requests')).toBe('5');
      const responses = await Promise.all(
        Array.from({ length: 16 }, (_, index) => send(index % 2 ? second : first)),
      );
      const statuses = responses.map((response) => response.status);
      const passed = statuses.filter((status) => status === 200).length;
      expect(passed).toBeGreaterThanOrEqual(4);
      expect(passed).toBeLessThanOrEqual(6);
      expect(statuses.filter((status) => status === 429)).toHaveLength(16 - passed);
    } finally {
      await fetch(`${first}/v1/admin/keys/${created.id}`, {
        method: 'DELETE',
        headers: { authorization: `Bearer ${ADMIN_KEY}` },
      });
    }
  });
});
