import {
  createGateway,
  defineMiddleware,
  type GatewayContext,
  GatewayError,
  type ProviderCall,
} from '@signalbox/core';
import { createMockProvider } from '@signalbox/provider-mock';
import { describe, expect, it, vi } from 'vitest';
import { auth } from './auth.js';
import { generateKey, hashKey } from './key-hash.js';
import { createKeyManager } from './key-manager.js';
import { MemoryKeyStore } from './memory-key-store.js';
import { createSecretBox, generateEncryptionKey } from './secret-box.js';
import { httpRequest, jsonOf } from './test-support.js';

const STATIC_KEY = 'sk-sb-static-unit-key-0001';
const encryptionKey = generateEncryptionKey();

async function setup(options: Parameters<typeof auth>[0] = {}) {
  const store = new MemoryKeyStore();
  const manager = createKeyManager({ store, secretBox: createSecretBox(encryptionKey) });
  const mock = createMockProvider();
  const seen: GatewayContext[] = [];
  const capture = defineMiddleware('capture', async (context: GatewayContext, next) => {
    seen.push(context);
    await next();
  });
  const gateway = createGateway({
    providers: [mock],
    use: [auth({ keys: [STATIC_KEY], store, encryptionKey, cacheTtlMs: 0, ...options }), capture],
  });
  return { store, manager, mock, seen, gateway };
}

describe('auth: gateway keys', () => {
  it('accepts static and stored keys, Bearer and x-api-key, on both endpoints', async () => {
    const { manager, gateway } = await setup();
    const created = await manager.createKey({ name: 'stored' });
    for (const key of [STATIC_KEY, created.key]) {
      const openai = await gateway.handle(
        httpRequest('/chat/completions', { authorization: `Bearer ${key}` }),
      );
      expect(openai.status).toBe(200);
      const anthropic = await gateway.handle(httpRequest('/messages', { 'x-api-key': key }));
      expect(anthropic.status).toBe(200);
    }
  });

  it('sets the principal and the limits for the middlewares after it', async () => {
    const { manager, gateway, seen } = await setup();
    await manager.createProject({ id: 'team', limits: { requestsPerMinute: 50 } });
    const created = await manager.createKey({
      projectId: 'team',
      name: 'bot',
      allowedModels: ['mock/*'],
      limits: { tokensPerMinute: 900 },
    });
    await gateway.handle(httpRequest('/chat/completions', { authorization: `Bearer ${created.key}` }));
    const context = seen.at(-1);
    expect(context?.principal).toEqual({
      id: created.id,
      kind: 'key',
      keyPrefix: created.prefix,
      projectId: 'team',
      name: 'bot',
      allowedModels: ['mock/*'],
    });
    expect(context?.state.auth).toEqual({
      keyId: created.id,
      keyLimits: { tokensPerMinute: 900 },
      projectLimits: { requestsPerMinute: 50 },
    });
  });

  it('refuses missing, malformed, huge and unknown keys with 401 in each shape', async () => {
    const { gateway } = await setup();
    const cases: Array<[Record<string, string>, RegExp]> = [
      [{}, /Missing API key/],
      [{ authorization: 'Basic dXNlcjpwYXNz' }, /Malformed Authorization header/],
      [{ authorization: 'Bearer' }, /Malformed Authorization header/],
      [{ authorization: `Bearer ${'x'.repeat(100_000)}` }, /too long/],
      [{ 'x-api-key': 'sk-sb-wrongwrongwrong' }, /Invalid API key provided: sk-sb-wron$/],
    ];
    for (const [headers, message] of cases) {
      const openai = await gateway.handle(httpRequest('/chat/completions', headers));
      expect(openai.status).toBe(401);
      expect(jsonOf(openai)).toMatchObject({
        error: { code: 'invalid_api_key', message: expect.stringMatching(message) },
      });
      const anthropic = await gateway.handle(httpRequest('/messages', headers));
      expect(anthropic.status).toBe(401);
      expect(jsonOf(anthropic)).toMatchObject({ type: 'error', error: { type: 'authentication_error' } });
    }
  });

  it('says when a key is disabled or expired', async () => {
    const { manager, store, gateway } = await setup();
    const disabled = await manager.createKey({});
    await manager.updateKey(disabled.id, { disabled: true });
    const response = await gateway.handle(httpRequest('/messages', { 'x-api-key': disabled.key }));
    expect(response.status).toBe(401);
    expect(jsonOf(response)).toMatchObject({ error: { message: 'This API key has been disabled.' } });

    const expiring = await manager.createKey({ expiresAt: '2099-01-01T00:00:00Z' });
    await store.updateKey(expiring.id, { expiresAt: new Date('2020-05-01T12:00:00.000Z') });
    const expired = await gateway.handle(
      httpRequest('/chat/completions', { authorization: `Bearer ${expiring.key}` }),
    );
    expect(expired.status).toBe(401);
    expect(jsonOf(expired)).toMatchObject({
      error: { message: 'This API key expired on 2020-05-01T12:00:00.000Z.', code: 'invalid_api_key' },
    });
  });

  it('answers 403 naming the model outside the allowlist, fallbacks included', async () => {
    const { manager, gateway } = await setup();
    const created = await manager.createKey({ allowedModels: ['mock/echo'] });
    const headers = { authorization: `Bearer ${created.key}` };
    expect((await gateway.handle(httpRequest('/chat/completions', headers))).status).toBe(200);
    const other = await gateway.handle(
      httpRequest('/chat/completions', headers, {
        body: { model: 'mock/other', messages: [{ role: 'user', content: 'x' }] },
      }),
    );
    expect(other.status).toBe(403);
    expect(jsonOf(other)).toMatchObject({
      error: {
        code: 'model_not_allowed',
        message: "The model 'mock/other' is not allowed for this API key.",
      },
    });
    const anthropic = await gateway.handle(
      httpRequest('/messages', headers, {
        body: { model: 'mock/other', max_tokens: 5, messages: [{ role: 'user', content: 'x' }] },
      }),
    );
    expect(jsonOf(anthropic)).toMatchObject({ type: 'error', error: { type: 'permission_error' } });
    const fallback = await gateway.handle(
      httpRequest('/chat/completions', headers, {
        body: { model: 'mock/echo', models: ['mock/sneaky'], messages: [{ role: 'user', content: 'x' }] },
      }),
    );
    expect(jsonOf(fallback)).toMatchObject({ error: { message: expect.stringContaining("'mock/sneaky'") } });
  });

  it('caches found keys for cacheTtlMs: a key disabled elsewhere works until then', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    try {
      const { manager, store, gateway } = await setup({ cacheTtlMs: 10_000 });
      const created = await manager.createKey({});
      const headers = { authorization: `Bearer ${created.key}` };
      expect((await gateway.handle(httpRequest('/chat/completions', headers))).status).toBe(200);
      await store.updateKey(created.id, { disabledAt: new Date() }); // as another process would
      vi.setSystemTime(Date.now() + 9_000);
      expect((await gateway.handle(httpRequest('/chat/completions', headers))).status).toBe(200);
      vi.setSystemTime(Date.now() + 1_001);
      expect((await gateway.handle(httpRequest('/chat/completions', headers))).status).toBe(401);
    } finally {
      vi.useRealTimers();
    }
  });

  it('guards the models list too, and trusts a host principal unless told not to', async () => {
    const { gateway } = await setup();
    const models = await gateway.handle(httpRequest('/models', {}, { method: 'GET', body: undefined }));
    expect(models.status).toBe(401);
    const host = await gateway.handle(
      httpRequest('/chat/completions', {}, { principal: { id: 'u1', kind: 'user' } }),
    );
    expect(host.status).toBe(200);
    const strict = (await setup({ trustHostPrincipal: false })).gateway;
    const refused = await strict.handle(
      httpRequest('/chat/completions', {}, { principal: { id: 'u1', kind: 'user' } }),
    );
    expect(refused.status).toBe(401);
  });

  it('applies a host principal allowlist', async () => {
    const { gateway } = await setup();
    const response = await gateway.handle(
      httpRequest(
        '/chat/completions',
        {},
        {
          principal: { id: 'u1', kind: 'user', allowedModels: ['openai/*'] },
        },
      ),
    );
    expect(response.status).toBe(403);
    expect(jsonOf(response)).toMatchObject({
      error: { message: "The model 'mock/echo' is not allowed for this principal." },
    });
  });

  it('validates its options at construction', () => {
    expect(() => auth({ keys: ['short'] })).toThrow(/8 characters/);
    expect(() => auth({ admin: { key: 'short' } })).toThrow(/16 characters/);
    expect(() => auth({ admin: { key: 'a'.repeat(20), prefix: 'admin/' } })).toThrow(/prefix/);
    expect(() => auth({ cacheTtlMs: -1 })).toThrow(TypeError);
    expect(() => auth({ encryptionKey: 'not-32-bytes' })).toThrow(/32 bytes/);
    expect(() => auth({ keyz: [] } as never)).toThrow(/keyz/);
  });
});

describe('auth: bring your own key', () => {
  const byok = 'sk-byok-provider-secret-0123456789';

  it('opens a stored provider key and passes it to the provider (credentialType byok)', async () => {
    const { manager, gateway, mock, seen } = await setup();
    const created = await manager.createKey({ providerKeys: { mock: byok } });
    expect(JSON.stringify(created)).not.toContain(byok);
    const response = await gateway.handle(
      httpRequest('/chat/completions', { authorization: `Bearer ${created.key}` }),
    );
    expect(response.status).toBe(200);
    expect(mock.calls.at(-1)?.apiKey).toBe(byok);
    expect(seen.at(-1)?.attempts[0]?.credentialType).toBe('byok');
  });

  it('refuses to fall back to the system key when a stored provider key cannot be opened', async () => {
    const { manager, gateway } = await setup({ encryptionKey: generateEncryptionKey() });
    const created = await manager.createKey({ providerKeys: { mock: byok } });
    const response = await gateway.handle(
      httpRequest('/chat/completions', { authorization: `Bearer ${created.key}` }),
    );
    expect(response.status).toBe(500);
    expect(jsonOf(response)).toMatchObject({ error: { code: 'provider_key_unavailable' } });
  });

  it('takes per-request provider key headers only when enabled, and hides them from later middlewares', async () => {
    const header = { authorization: `Bearer ${STATIC_KEY}`, 'x-signalbox-provider-key-mock': byok };
    const off = await setup();
    const refused = await off.gateway.handle(httpRequest('/chat/completions', header));
    expect(refused.status).toBe(400);
    expect(JSON.stringify(jsonOf(refused))).not.toContain(byok);

    const on = await setup({ providerKeyHeaders: true });
    expect((await on.gateway.handle(httpRequest('/chat/completions', header))).status).toBe(200);
    expect(on.mock.calls.at(-1)?.apiKey).toBe(byok);
    expect(on.seen.at(-1)?.http.headers['x-signalbox-provider-key-mock']).toBeUndefined();
    expect(on.seen.at(-1)?.attempts[0]?.credentialType).toBe('byok');
    const unknown = await on.gateway.handle(
      httpRequest('/chat/completions', { ...header, 'x-signalbox-provider-key-nope': byok }),
    );
    expect(unknown.status).toBe(400);
    expect(jsonOf(unknown)).toMatchObject({
      error: { message: expect.stringContaining('x-signalbox-provider-key-nope') },
    });

    const host = await on.gateway.handle(
      httpRequest(
        '/chat/completions',
        { 'x-signalbox-provider-key-mock': byok },
        { principal: { id: 'u', kind: 'user' } },
      ),
    );
    expect(host.status).toBe(200);
    expect(on.mock.calls.at(-1)?.apiKey).toBe(byok);
  });

  it('scrubs a provider key that a provider echoes from errors, attempts, stream errors and logs', async () => {
    const logged: string[] = [];
    const leaky = {
      specificationVersion: 'v1' as const,
      name: 'leaky',
      async generate(call: ProviderCall): Promise<never> {
        if (call.request.model.endsWith('crash')) throw new Error(`socket failed for key ${call.apiKey}`);
        throw new GatewayError(`Incorrect API key provided: ${call.apiKey}`, {
          status: 401,
          provider: 'leaky',
        });
      },
      async stream(call: ProviderCall) {
        return {
          stream: (async function* () {
            yield { type: 'text-start' as const, id: 't' };
            yield { type: 'text-delta' as const, id: 't', delta: 'partial ' };
            yield {
              type: 'error' as const,
              error: new GatewayError(`key ${call.apiKey} revoked`, { status: 401 }),
            };
          })(),
        };
      },
    };
    const seen: GatewayContext[] = [];
    const gateway = createGateway({
      providers: [leaky],
      logger: {
        warn: (message, details) => logged.push(message, JSON.stringify(details)),
        error: (message, details) => logged.push(message, JSON.stringify(details)),
      },
      use: [
        auth({ keys: [STATIC_KEY], providerKeyHeaders: true }),
        defineMiddleware('capture', async (context: GatewayContext, next) => {
          seen.push(context);
          await next();
        }),
      ],
    });
    const headers = { authorization: `Bearer ${STATIC_KEY}`, 'x-signalbox-provider-key-leaky': byok };
    const body = (model: string, stream = false) => ({
      body: { model, stream, messages: [{ role: 'user', content: 'x' }] },
    });
    const texts: string[] = [];
    for (const [model, stream] of [
      ['leaky/a', false],
      ['leaky/crash', false],
      ['leaky/a', true],
    ] as const) {
      const response = await gateway.handle(httpRequest('/chat/completions', headers, body(model, stream)));
      if (response.body.type === 'sse') for await (const frame of response.body.events) texts.push(frame);
      else texts.push(JSON.stringify(response.body));
    }
    const everything = [...texts, ...logged, JSON.stringify(seen.map((context) => context.attempts))].join(
      '\n',
    );
    expect(everything).toContain('[redacted]');
    expect(everything).not.toContain(byok);
    expect(everything).not.toContain(hashKey(STATIC_KEY));
  });

  it('generates keys that are never stored in clear', async () => {
    const { manager, store } = await setup();
    const created = await manager.createKey({});
    const [record] = await store.listKeys();
    expect(JSON.stringify(record)).not.toContain(created.key);
    expect(record?.hash).toBe(hashKey(created.key));
    expect(generateKey()).not.toBe(generateKey());
  });
});

describe('auth: static and cached keys (the synchronous path)', () => {
  it('gives each request its own principal and state from a cached key, exact expiry included', async () => {
    let now = Date.parse('2030-01-01T00:00:00.000Z');
    const store = new MemoryKeyStore();
    const manager = createKeyManager({ store });
    const seen: GatewayContext[] = [];
    const gateway = createGateway({
      providers: [createMockProvider()],
      clock: { now: () => now },
      use: [
        auth({ keys: [STATIC_KEY], store, cacheTtlMs: 60_000 }),
        defineMiddleware('capture', async (context: GatewayContext, next) => {
          seen.push(context);
          context.principal?.allowedModels?.push('tampered/*'); // must not reach the next request
          await next();
        }),
      ],
    });
    const created = await manager.createKey({
      name: 'cached',
      allowedModels: ['mock/*'],
      limits: { requestsPerMinute: 9 },
      expiresAt: '2030-01-01T00:01:00.000Z',
    });
    const headers = { authorization: `Bearer ${created.key}` };
    for (let index = 0; index < 3; index += 1) {
      expect((await gateway.handle(httpRequest('/chat/completions', headers))).status).toBe(200);
    }
    const [first, second, third] = seen;
    expect(first?.principal).not.toBe(second?.principal);
    expect(first?.state.auth).not.toBe(second?.state.auth);
    expect(third?.principal?.allowedModels).toEqual(['mock/*', 'tampered/*']); // its own push only
    expect(third?.state.auth).toEqual({ keyId: created.id, keyLimits: { requestsPerMinute: 9 } });
    now = Date.parse('2030-01-01T00:01:00.000Z'); // still cached, but expired: refused at once
    const expired = await gateway.handle(httpRequest('/chat/completions', headers));
    expect(expired.status).toBe(401);
    expect(jsonOf(expired)).toMatchObject({
      error: { message: 'This API key expired on 2030-01-01T00:01:00.000Z.' },
    });
    for (let index = 0; index < 2; index += 1) {
      await gateway.handle(httpRequest('/chat/completions', { 'x-api-key': STATIC_KEY }));
    }
    const [staticOne, staticTwo] = seen.slice(-2);
    expect(staticOne?.principal).toEqual({
      id: staticTwo?.principal?.id,
      kind: 'key',
      keyPrefix: 'sk-sb-stat',
    });
    expect(staticOne?.principal).not.toBe(staticTwo?.principal);
  });

  it('drops a cached grant when the admin API of this process changes the key', async () => {
    const adminKey = 'admin-key-for-the-unit-tests';
    const seen: GatewayContext[] = [];
    const gateway = createGateway({
      providers: [createMockProvider()],
      use: [
        auth({ admin: { key: adminKey }, cacheTtlMs: 60_000 }),
        defineMiddleware('capture', async (context: GatewayContext, next) => {
          seen.push(context);
          await next();
        }),
      ],
    });
    const admin = { authorization: `Bearer ${adminKey}` };
    const created = jsonOf(
      await gateway.handle(httpRequest('/admin/keys', admin, { body: { name: 'before' } })),
    ) as { id: string; key: string };
    const headers = { authorization: `Bearer ${created.key}` };
    await gateway.handle(httpRequest('/chat/completions', headers));
    await gateway.handle(httpRequest('/chat/completions', headers));
    expect(seen.at(-1)?.principal?.name).toBe('before');
    const patched = await gateway.handle(
      httpRequest(`/admin/keys/${created.id}`, admin, { method: 'PATCH', body: { name: 'after' } }),
    );
    expect(patched.status).toBe(200);
    await gateway.handle(httpRequest('/chat/completions', headers));
    expect(seen.at(-1)?.principal?.name).toBe('after');
    await gateway.handle(httpRequest(`/admin/keys/${created.id}/disable`, admin, { body: {} }));
    expect((await gateway.handle(httpRequest('/chat/completions', headers))).status).toBe(401);
  });

  it('answers refusals as a rejected promise, never a synchronous throw', async () => {
    const middleware = auth({ keys: [STATIC_KEY] });
    const context = {
      http: httpRequest('/models', {}, { method: 'GET', body: undefined }),
      state: {},
      responseHeaders: {},
      clock: { now: () => Date.now() },
      providers: new Map(),
    } as unknown as Parameters<typeof middleware>[0];
    let result: Promise<void> | undefined;
    expect(() => {
      result = middleware(context, async () => {});
    }).not.toThrow();
    await expect(result).rejects.toMatchObject({
      status: 401,
      message: expect.stringMatching(/Missing API key/),
    });
  });
});
