import { describe, expect, it } from 'vitest';
import { hashKey } from './key-hash.js';
import { createKeyManager } from './key-manager.js';
import { MemoryKeyStore } from './memory-key-store.js';
import { createSecretBox, generateEncryptionKey } from './secret-box.js';

describe('createKeyManager', () => {
  it('creates a key with a 256-bit secret, storing only its hash and sealed provider keys', async () => {
    const store = new MemoryKeyStore();
    const box = createSecretBox(generateEncryptionKey());
    const manager = createKeyManager({
      store,
      secretBox: box,
      clock: { now: () => Date.parse('2026-03-01T00:00:00Z') },
    });
    const created = await manager.createKey({ name: 'n', providerKeys: { openai: 'sk-openai-secret-1234' } });
    expect(created.createdAt).toBe('2026-03-01T00:00:00.000Z');
    const record = await store.getKey(created.id);
    expect(record?.hash).toBe(hashKey(created.key));
    expect(JSON.stringify(record)).not.toContain(created.key);
    expect(JSON.stringify(record)).not.toContain('sk-openai-secret-1234');
    expect(box.open(record?.providerKeys?.openai ?? '', `${created.id}:openai`)).toBe(
      'sk-openai-secret-1234',
    );
  });

  it('needs an encryption key to store provider keys', async () => {
    const manager = createKeyManager({ store: new MemoryKeyStore() });
    await expect(manager.createKey({ providerKeys: { openai: 'sk-x-123456789' } })).rejects.toMatchObject({
      status: 400,
      message: expect.stringContaining('SIGNALBOX_ENCRYPTION_KEY'),
    });
  });

  it('creates a missing project only when asked, and reports changed keys', async () => {
    const changed: string[] = [];
    const manager = createKeyManager({
      store: new MemoryKeyStore(),
      onKeyChanged: (hash) => changed.push(hash),
    });
    await expect(manager.createKey({ projectId: 'x' })).rejects.toMatchObject({ status: 404 });
    const created = await manager.createKey({ projectId: 'x' }, { createProject: true });
    expect(await manager.getProject('x')).toMatchObject({ id: 'x', name: 'x' });
    await manager.updateKey(created.id, { disabled: true });
    await manager.deleteKey(created.id);
    expect(changed).toEqual([hashKey(created.key), hashKey(created.key)]);
    await expect(manager.deleteKey(created.id)).rejects.toMatchObject({ status: 404, code: 'key_not_found' });
  });

  it('keeps the first disabledAt when disabling twice', async () => {
    let now = Date.parse('2026-01-01T00:00:00Z');
    const manager = createKeyManager({ store: new MemoryKeyStore(), clock: { now: () => now } });
    const created = await manager.createKey({});
    await manager.updateKey(created.id, { disabled: true });
    now += 60_000;
    expect((await manager.updateKey(created.id, { disabled: true })).disabledAt).toBe(
      '2026-01-01T00:00:00.000Z',
    );
    expect((await manager.updateKey(created.id, { disabled: false })).disabled).toBe(false);
  });
});
