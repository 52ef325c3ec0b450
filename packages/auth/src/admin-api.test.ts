import { createGateway } from '@signalbox/core';
import { createMockProvider } from '@signalbox/provider-mock';
import { describe, expect, it } from 'vitest';
import { auth } from './auth.js';
import { hashKey } from './key-hash.js';
import { MemoryKeyStore } from './memory-key-store.js';
import { generateEncryptionKey } from './secret-box.js';
import { httpRequest, jsonOf } from './test-support.js';

const ADMIN_KEY = 'admin-key-for-unit-tests-0001';
const STATIC_KEY = 'sk-sb-static-admin-test-0001';

function setup(prefix?: string) {
  const store = new MemoryKeyStore();
  const gateway = createGateway({
    providers: [createMockProvider()],
    use: [
      auth({
        keys: [STATIC_KEY],
        store,
        encryptionKey: generateEncryptionKey(),
        admin: { key: ADMIN_KEY, ...(prefix && { prefix }) },
      }),
    ],
  });
  const admin = { authorization: `Bearer ${ADMIN_KEY}` };
  const call = async (method: string, path: string, body?: unknown, query?: string) =>
    gateway.handle(httpRequest(path, admin, { method, body, ...(query && { query }) }));
  return { store, gateway, call };
}

describe('admin API', () => {
  it('refuses no key, a wrong key, a malformed header, and gateway keys', async () => {
    const { gateway, call } = setup();
    const created = jsonOf(await call('POST', '/admin/keys', { name: 'k' }));
    const list = (headers: Record<string, string>) =>
      gateway.handle(httpRequest('/admin/keys', headers, { method: 'GET', body: undefined }));
    expect((await list({})).status).toBe(401);
    expect((await list({ authorization: 'Bearer not-the-admin-key' })).status).toBe(401);
    expect((await list({ authorization: `Basic ${ADMIN_KEY}` })).status).toBe(401);
    expect((await list({ authorization: `Bearer ${'a'.repeat(20_000)}` })).status).toBe(401);
    for (const key of [STATIC_KEY, String(created.key)]) {
      const response = await list({ authorization: `Bearer ${key}` });
      expect(response.status).toBe(403);
      expect(jsonOf(response)).toMatchObject({ error: { code: 'admin_key_required' } });
    }
    expect((await list({ authorization: `Bearer ${ADMIN_KEY}` })).status).toBe(200);
  });

  it('creates a key shown once, which works at once; lists and gets it without secrets', async () => {
    const { gateway, call } = setup();
    const response = await call('POST', '/admin/keys', {
      name: 'ci',
      allowedModels: ['mock/echo'],
      limits: { requestsPerMinute: 10 },
      providerKeys: { mock: 'sk-byok-admin-secret-000000' },
    });
    expect(response.status).toBe(201);
    expect(response.headers['cache-control']).toBe('no-store');
    const created = jsonOf(response);
    expect(created).toMatchObject({
      object: 'api_key',
      name: 'ci',
      prefix: String(created.key).slice(0, 10),
      disabled: false,
      allowedModels: ['mock/echo'],
      limits: { requestsPerMinute: 10 },
      providerKeys: ['mock'],
    });
    const key = String(created.key);
    expect(key).toMatch(/^sk-sb-[A-Za-z0-9_-]{43}$/);
    expect(JSON.stringify(created)).not.toContain('sk-byok-admin-secret');
    expect(JSON.stringify(created)).not.toContain(hashKey(key));
    const chat = await gateway.handle(httpRequest('/chat/completions', { authorization: `Bearer ${key}` }));
    expect(chat.status).toBe(200);

    const listed = JSON.stringify(jsonOf(await call('GET', '/admin/keys')));
    const fetched = JSON.stringify(jsonOf(await call('GET', `/admin/keys/${created.id}`)));
    for (const text of [listed, fetched]) {
      expect(text).toContain(String(created.id));
      expect(text).not.toContain(key);
      expect(text).not.toContain(hashKey(key));
      expect(text).not.toContain('sk-byok-admin-secret');
      expect(text).not.toContain('v1:'); // nor the sealed value
    }
  });

  it('disables (effective at once in this process), enables, patches and deletes keys', async () => {
    const { gateway, call } = setup();
    const created = jsonOf(await call('POST', '/admin/keys', {}));
    const chat = () =>
      gateway.handle(httpRequest('/chat/completions', { authorization: `Bearer ${String(created.key)}` }));
    expect((await chat()).status).toBe(200);
    const disabled = jsonOf(await call('POST', `/admin/keys/${created.id}/disable`));
    expect(disabled).toMatchObject({ disabled: true, disabledAt: expect.any(String) });
    expect(jsonOf(await chat())).toMatchObject({ error: { message: 'This API key has been disabled.' } });
    await call('POST', `/admin/keys/${created.id}/enable`);
    expect((await chat()).status).toBe(200);
    const patched = jsonOf(
      await call('PATCH', `/admin/keys/${created.id}`, {
        name: 'renamed',
        expiresAt: '2099-01-01',
        allowedModels: ['x/*'],
      }),
    );
    expect(patched).toMatchObject({
      name: 'renamed',
      expiresAt: '2099-01-01T00:00:00.000Z',
      allowedModels: ['x/*'],
    });
    expect((await chat()).status).toBe(403);
    expect(jsonOf(await call('DELETE', `/admin/keys/${created.id}`))).toEqual({
      object: 'api_key',
      id: created.id,
      deleted: true,
    });
    expect((await chat()).status).toBe(401);
    expect((await call('GET', `/admin/keys/${created.id}`)).status).toBe(404);
  });

  it('manages projects: create, conflict, list, keys in them, delete with or without keys', async () => {
    const { call } = setup();
    expect(
      (await call('POST', '/admin/projects', { id: 'team-a', limits: { tokensPerMinute: 5000 } })).status,
    ).toBe(201);
    expect((await call('POST', '/admin/projects', { id: 'team-a' })).status).toBe(409);
    expect(jsonOf(await call('GET', '/admin/projects'))).toMatchObject({
      object: 'list',
      data: [{ object: 'project', id: 'team-a', name: 'team-a', limits: { tokensPerMinute: 5000 } }],
    });
    expect((await call('POST', '/admin/keys', { projectId: 'team-b' })).status).toBe(404);
    expect((await call('POST', '/admin/keys', { projectId: 'team-b' }, 'createProject=true')).status).toBe(
      201,
    );
    await call('POST', '/admin/keys', { projectId: 'team-a' });
    const inProject = jsonOf(await call('GET', '/admin/keys', undefined, 'projectId=team-a'));
    expect(inProject.data).toHaveLength(1);
    expect((await call('DELETE', '/admin/projects/team-a')).status).toBe(409);
    expect((await call('DELETE', '/admin/projects/team-a', undefined, 'deleteKeys=true')).status).toBe(200);
    expect((await call('GET', '/admin/projects/team-a')).status).toBe(404);
    expect(jsonOf(await call('PATCH', '/admin/projects/team-b', { limits: null, name: 'B' }))).toMatchObject({
      name: 'B',
      limits: null,
    });
  });

  it('answers bad input with a 400 naming the field, never echoing secrets', async () => {
    const { call } = setup();
    const cases: Array<[unknown, string]> = [
      [{ limits: { rpm: 5 } }, 'limits'],
      [{ expiresAt: 'tomorrow' }, 'expiresAt'],
      [{ expiresAt: '2001-01-01' }, 'expiresAt'],
      [{ allowedModels: 'mock/echo' }, 'allowedModels'],
      [{ providerKeys: { mock: 42 } }, 'providerKeys.mock'],
      [[1, 2], 'body'],
    ];
    for (const [body, field] of cases) {
      const response = await call('POST', '/admin/keys', body);
      expect(response.status).toBe(400);
      expect(jsonOf(response)).toMatchObject({ error: { message: expect.stringContaining(field) } });
    }
    const malformed = await call('POST', '/admin/projects', '{"id":');
    expect(malformed.status).toBe(400);
  });

  it('serves under a custom prefix, and not at all without the admin option', async () => {
    const { call } = setup('/manage');
    expect((await call('GET', '/manage/keys')).status).toBe(200);
    expect((await call('GET', '/admin/keys')).status).toBe(404);
    const plain = createGateway({ providers: [createMockProvider()], use: [auth({ keys: [STATIC_KEY] })] });
    const response = await plain.handle(
      httpRequest(
        '/admin/keys',
        { authorization: `Bearer ${STATIC_KEY}` },
        { method: 'GET', body: undefined },
      ),
    );
    expect(response.status).toBe(404);
  });
});
