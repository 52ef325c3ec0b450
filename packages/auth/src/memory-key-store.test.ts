import { describe, expect, it } from 'vitest';
import { runKeyStoreContract, sampleKey } from './key-store-test-kit.js';
import { MemoryKeyStore } from './memory-key-store.js';

describe('MemoryKeyStore', () => {
  const store = new MemoryKeyStore();
  runKeyStoreContract(() => store, 'memory-project');

  it('hands out copies, so a caller cannot change a stored record', async () => {
    const record = sampleKey({ allowedModels: ['a/b'] });
    await store.createKey(record);
    const found = await store.findKeyByHash(record.hash);
    found?.allowedModels?.push('c/d');
    expect((await store.getKey(record.id))?.allowedModels).toEqual(['a/b']);
  });

  it('refuses a key in a project that does not exist', async () => {
    await expect(store.createKey(sampleKey({ projectId: 'nope' }))).rejects.toThrow(/No project/);
  });
});
