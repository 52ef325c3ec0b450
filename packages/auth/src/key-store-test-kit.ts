import { expect, it } from 'vitest';
import type { GatewayKeyRecord } from './gateway-key.js';
import { hashKey } from './key-hash.js';
import type { KeyStore } from './key-store.js';

let counter = 0;

/** A key record with unique id and hash, for store tests. */
export function sampleKey(overrides: Partial<GatewayKeyRecord> = {}): GatewayKeyRecord {
  counter += 1;
  const unique = `${process.pid}-${Date.now()}-${counter}`;
  return {
    id: `key_test_${unique}`,
    hash: hashKey(`sk-sb-store-test-${unique}`),
    prefix: 'sk-sb-stor',
    createdAt: new Date('2026-01-01T00:00:00.000Z'),
    ...overrides,
  };
}

/**
 * The behaviour every `KeyStore` must have; run against the memory store and the Postgres store.
 * `store()` returns the store under test; `project` is a project id unique to this run.
 */
export function runKeyStoreContract(store: () => KeyStore, project: string): void {
  it('creates a project once, lists and updates it', async () => {
    const created = { id: project, name: 'Test', createdAt: new Date('2026-01-01T00:00:00.000Z') };
    expect(await store().createProject(created)).toBe(true);
    expect(await store().createProject(created)).toBe(false);
    expect(await store().getProject(project)).toEqual(created);
    const updated = await store().updateProject(project, { limits: { requestsPerMinute: 5 } });
    expect(updated).toMatchObject({ name: 'Test', limits: { requestsPerMinute: 5 } });
    expect((await store().listProjects()).map((entry) => entry.id)).toContain(project);
    expect(await store().updateProject('missing-project', { name: 'x' })).toBeUndefined();
  });

  it('stores a key and finds it by hash and id, with every field', async () => {
    const record = sampleKey({
      name: 'full',
      projectId: project,
      expiresAt: new Date('2030-01-01T00:00:00.000Z'),
      allowedModels: ['mock/echo', 'openai/*'],
      limits: { requestsPerMinute: 3, tokensPerMinute: 1000 },
      providerKeys: { openai: 'v1:sealed' },
    });
    await store().createKey(record);
    expect(await store().findKeyByHash(record.hash)).toEqual(record);
    expect(await store().getKey(record.id)).toEqual(record);
    expect(await store().findKeyByHash(hashKey('sk-sb-unknown'))).toBeUndefined();
    await expect(store().createKey({ ...record, id: `${record.id}-2` })).rejects.toThrow();
  });

  it('updates, clears and deletes keys; lists by project', async () => {
    const record = sampleKey({ projectId: project, allowedModels: ['a/b'], name: 'n' });
    const other = sampleKey();
    await store().createKey(record);
    await store().createKey(other);
    const disabledAt = new Date('2026-02-01T00:00:00.000Z');
    const updated = await store().updateKey(record.id, { disabledAt, allowedModels: null, name: 'renamed' });
    expect(updated).toEqual({ ...record, disabledAt, allowedModels: undefined, name: 'renamed' });
    expect(updated && 'allowedModels' in updated).toBe(false);
    expect((await store().findKeyByHash(record.hash))?.disabledAt).toEqual(disabledAt);
    const inProject = await store().listKeys({ projectId: project });
    expect(inProject.map((key) => key.id)).toContain(record.id);
    expect(inProject.map((key) => key.id)).not.toContain(other.id);
    expect((await store().listKeys()).map((key) => key.id)).toEqual(
      expect.arrayContaining([record.id, other.id]),
    );
    expect(await store().updateKey('key_missing', { name: 'x' })).toBeUndefined();
    expect(await store().deleteKey(other.id)).toBe(true);
    expect(await store().deleteKey(other.id)).toBe(false);
    expect(await store().findKeyByHash(other.hash)).toBeUndefined();
  });

  it('refuses to delete a project that still has keys', async () => {
    await expect(store().deleteProject(project)).rejects.toThrow();
    for (const key of await store().listKeys({ projectId: project })) await store().deleteKey(key.id);
    expect(await store().deleteProject(project)).toBe(true);
    expect(await store().deleteProject(project)).toBe(false);
  });
}
