import { createHash } from 'node:crypto';
import Anthropic from '@anthropic-ai/sdk';
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FRAMEWORKS, startExample, TEST_KEY } from './helpers/start.js';

const ADMIN_KEY = 'e2e-admin-key-0123456789abcdef';
const ENCRYPTION_KEY = Buffer.alloc(32, 7).toString('base64');
const STORED_BYOK = 'sk-mock-stored-byok-secret-000111';
const HEADER_BYOK = 'sk-mock-header-byok-secret-222333';
const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

interface CreatedKey {
  id: string;
  key: string;
  prefix: string;
}

describe.each(FRAMEWORKS)('auth end to end on %s', (framework) => {
  let gateway: Awaited<ReturnType<typeof startExample>>;
  let admin: (method: string, path: string, body?: unknown, key?: string) => Promise<Response>;
  const createKey = async (body: Record<string, unknown> = {}): Promise<CreatedKey> =>
    (await (await admin('POST', '/keys', body)).json()) as CreatedKey;
  const chat = (headers: Record<string, string>, body: Record<string, unknown> = {}) =>
    fetch(`${gateway.url}/v1/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify({ model: 'mock/echo', messages: [{ role: 'user', content: 'hi' }], ...body }),
    });

  beforeAll(async () => {
    gateway = await startExample(framework, {
      SIGNALBOX_ADMIN_KEY: ADMIN_KEY,
      SIGNALBOX_ENCRYPTION_KEY: ENCRYPTION_KEY,
      SIGNALBOX_BYOK_HEADERS: 'true',
    });
    admin = (method, path, body, key = ADMIN_KEY) =>
      fetch(`${gateway.url}/v1/admin${path}`, {
        method,
        headers: {
          authorization: `Bearer ${key}`,
          ...(body !== undefined && { 'content-type': 'application/json' }),
        },
        ...(body !== undefined && { body: JSON.stringify(body) }),
      });
  });
  afterAll(() => gateway.close());

  it('accepts a created key through both SDKs and both auth styles', async () => {
    const { key } = await createKey({ name: 'sdk' });
    const openai = new OpenAI({ apiKey: key, baseURL: `${gateway.url}/v1`, maxRetries: 0 });
    const completion = await openai.chat.completions.create({
      model: 'mock/echo',
      messages: [{ role: 'user', content: 'a' }],
    });
    expect(completion.choices[0]?.message.content).toBe('echo: a');
    for (const client of [
      new Anthropic({ apiKey: key, baseURL: gateway.url, maxRetries: 0 }),
      new Anthropic({ authToken: key, apiKey: null, baseURL: gateway.url, maxRetries: 0 }),
    ]) {
      const message = await client.messages.create({
        model: 'mock/echo',
        max_tokens: 20,
        messages: [{ role: 'user', content: 'b' }],
      });
      expect(message.content).toEqual([{ type: 'text', text: 'echo: b' }]);
    }
  });

  it('refuses unknown, disabled and expired keys with 401s that say why, in each shape', async () => {
    const unknown = new OpenAI({
      apiKey: 'sk-sb-not-a-real-key-000',
      baseURL: `${gateway.url}/v1`,
      maxRetries: 0,
    });
    await expect(unknown.models.list()).rejects.toThrow(OpenAI.AuthenticationError);
    const disabled = await createKey();
    await admin('POST', `/keys/${disabled.id}/disable`);
    const anthropic = new Anthropic({ apiKey: disabled.key, baseURL: gateway.url, maxRetries: 0 });
    const error = await anthropic.messages
      .create({ model: 'mock/echo', max_tokens: 5, messages: [{ role: 'user', content: 'x' }] })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(Anthropic.AuthenticationError);
    expect((error as InstanceType<typeof Anthropic.AuthenticationError>).error).toMatchObject({
      type: 'error',
      error: { type: 'authentication_error', message: 'This API key has been disabled.' },
    });
    const expiresAt = new Date(Date.now() + 2000).toISOString();
    const expiring = await createKey({ expiresAt });
    expect((await chat({ authorization: `Bearer ${expiring.key}` })).status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, Date.parse(expiresAt) - Date.now() + 50)));
    const expired = await chat({ authorization: `Bearer ${expiring.key}` });
    expect(expired.status).toBe(401);
    expect(await expired.json()).toMatchObject({
      error: { code: 'invalid_api_key', message: `This API key expired on ${expiresAt}.` },
    });
  });

  it('answers 403 naming a model outside the allowlist, on both endpoints', async () => {
    const { key } = await createKey({ allowedModels: ['mock/echo'] });
    const openai = new OpenAI({ apiKey: key, baseURL: `${gateway.url}/v1`, maxRetries: 0 });
    await expect(
      openai.chat.completions.create({ model: 'mock/other', messages: [{ role: 'user', content: 'x' }] }),
    ).rejects.toThrow(/The model 'mock\/other' is not allowed for this API key/);
    const anthropic = new Anthropic({ apiKey: key, baseURL: gateway.url, maxRetries: 0 });
    const error = await anthropic.messages
      .create({ model: 'mock/other', max_tokens: 5, messages: [{ role: 'user', content: 'x' }] })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(Anthropic.PermissionDeniedError);
    expect((await chat({ authorization: `Bearer ${key}` })).status).toBe(200);
  });

  it('answers a malformed or huge Authorization header with a 4xx, never a 500', async () => {
    for (const authorization of [
      'Basic dXNlcjpwYXNz',
      'Bearer',
      'Bearer a b c',
      `Bearer ${'k'.repeat(8_000)}`,
      'sk-sb-x',
    ]) {
      const response = await chat({ authorization });
      expect([400, 401]).toContain(response.status);
      expect(await response.json()).toMatchObject({ error: { code: 'invalid_api_key' } });
    }
    const anthropic = await fetch(`${gateway.url}/v1/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-key': 'k'.repeat(9_000) },
      body: JSON.stringify({ model: 'mock/echo', max_tokens: 5, messages: [{ role: 'user', content: 'x' }] }),
    });
    expect(anthropic.status).toBe(401);
    expect(await anthropic.json()).toMatchObject({ type: 'error', error: { type: 'authentication_error' } });
    // Over Node's 16 KB header limit the server itself answers 431 before any app code runs.
    const oversized = await chat({ authorization: `Bearer ${'k'.repeat(20_000)}` }).catch(() => undefined);
    if (oversized) {
      expect(oversized.status).toBeGreaterThanOrEqual(400);
      expect(oversized.status).toBeLessThan(500);
    }
  });

  it('serves the admin API only to the admin key, never to a gateway key', async () => {
    expect((await admin('GET', '/keys', undefined, TEST_KEY)).status).toBe(403);
    const created = await createKey();
    const asKey = await admin('POST', '/keys', {}, created.key);
    expect(asKey.status).toBe(403);
    expect(await asKey.json()).toMatchObject({ error: { code: 'admin_key_required' } });
    expect((await fetch(`${gateway.url}/v1/admin/keys`)).status).toBe(401);
    expect((await admin('GET', '/keys', undefined, 'wrong-admin-key-0000000')).status).toBe(401);
    const list = (await (await admin('GET', '/keys')).json()) as { data: Array<{ id: string }> };
    expect(list.data.map((entry) => entry.id)).toContain(created.id);
    expect((await admin('DELETE', `/keys/${created.id}`)).status).toBe(200);
    expect((await chat({ authorization: `Bearer ${created.key}` })).status).toBe(401);
  });

  it('uses a stored or per-request provider key (BYOK), recorded as credentialType byok', async () => {
    const stored = await createKey({ providerKeys: { mock: STORED_BYOK } });
    const response = await chat({ authorization: `Bearer ${stored.key}` });
    expect(response.status).toBe(200);
    expect(gateway.mock.calls.at(-1)?.apiKey).toBe(STORED_BYOK);
    const body = (await response.json()) as {
      choices: Array<{ message: { provider_metadata?: { gateway?: { routing?: unknown } } } }>;
    };
    expect(JSON.stringify(body.choices[0]?.message.provider_metadata?.gateway?.routing)).toContain(
      '"credentialType":"byok"',
    );
    const viaHeader = await chat({
      authorization: `Bearer ${TEST_KEY}`,
      'x-signalbox-provider-key-mock': HEADER_BYOK,
    });
    expect(viaHeader.status).toBe(200);
    expect(gateway.mock.calls.at(-1)?.apiKey).toBe(HEADER_BYOK);
    const system = await chat({ authorization: `Bearer ${TEST_KEY}` });
    expect(JSON.stringify(await system.json())).toContain('"credentialType":"system"');
    expect(gateway.mock.calls.at(-1)?.apiKey).toBeUndefined();
  });

  it('never writes a key, a key hash or a provider key to logs, error bodies, headers or metadata', async () => {
    const written: string[] = [];
    const originals = {
      stdout: process.stdout.write.bind(process.stdout),
      stderr: process.stderr.write.bind(process.stderr),
      console: { ...console },
    };
    const record = (...parts: unknown[]) => {
      written.push(
        parts
          .map((part) => (typeof part === 'string' ? part : (JSON.stringify(part) ?? String(part))))
          .join(' '),
      );
    };
    const capture = ((chunk: unknown) => {
      record(String(chunk));
      return true;
    }) as typeof process.stdout.write;
    process.stdout.write = capture;
    process.stderr.write = capture;
    for (const method of ['log', 'info', 'warn', 'error', 'debug'] as const) console[method] = record;
    const seen: string[] = [];
    const keep = async (response: Response) => {
      seen.push(JSON.stringify([...response.headers]), await response.text());
    };
    let created: CreatedKey | undefined;
    try {
      const createdResponse = await admin('POST', '/keys', { providerKeys: { mock: STORED_BYOK } });
      created = (await createdResponse.json()) as CreatedKey; // the one place a key is shown
      seen.push(JSON.stringify({ ...created, key: undefined }));
      const headers = { authorization: `Bearer ${created.key}` };
      await keep(await chat(headers));
      await keep(await chat(headers, { stream: true, stream_options: { include_usage: true } }));
      await keep(await chat({ ...headers, 'x-signalbox-provider-key-mock': HEADER_BYOK }));
      await keep(await chat({ ...headers, 'x-signalbox-provider-key-nope': HEADER_BYOK }));
      await keep(await chat({ authorization: `Bearer ${created.key}x` }));
      await keep(
        await chat(
          { 'x-api-key': TEST_KEY, 'x-signalbox-provider-key-mock': HEADER_BYOK },
          { model: 'mock/echo:status-401' },
        ),
      );
      await keep(await chat(headers, { model: 'mock/echo:status-500' }));
      await keep(await admin('GET', '/keys'));
      await keep(await admin('GET', `/keys/${created.id}`));
      await keep(await admin('GET', '/keys', undefined, created.key));
      await keep(await admin('POST', '/keys', { providerKeys: { mock: 5 } }));
    } finally {
      process.stdout.write = originals.stdout;
      process.stderr.write = originals.stderr;
      Object.assign(console, originals.console);
    }
    const everything = [...seen, ...written].join('\n');
    expect(seen.length).toBeGreaterThan(10);
    const secrets = [
      TEST_KEY,
      created?.key ?? 'missing',
      ADMIN_KEY,
      STORED_BYOK,
      HEADER_BYOK,
      ENCRYPTION_KEY,
    ];
    for (const secret of secrets) {
      expect(everything).not.toContain(secret);
      expect(everything).not.toContain(sha256(secret));
    }
  });
});
