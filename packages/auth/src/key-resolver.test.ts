import { describe, expect, it } from 'vitest';
import type { GatewayKeyRecord } from './gateway-key.js';
import { hashKey } from './key-hash.js';
import { createKeyResolver } from './key-resolver.js';
import { MemoryKeyStore } from './memory-key-store.js';
import { createSecretBox, generateEncryptionKey } from './secret-box.js';

function counting(store: MemoryKeyStore) {
  let lookups = 0;
  const original = store.findKeyByHash.bind(store);
  store.findKeyByHash = async (hash) => {
    lookups += 1;
    return original(hash);
  };
  return () => lookups;
}

const record = (key: string, extra: Partial<GatewayKeyRecord> = {}): GatewayKeyRecord => ({
  id: `key_${key}`,
  hash: hashKey(key),
  prefix: 'sk-sb-test',
  createdAt: new Date(0),
  ...extra,
});

describe('createKeyResolver', () => {
  it('caches found keys for the TTL, never unknown ones, and shares concurrent lookups', async () => {
    const store = new MemoryKeyStore();
    const lookups = counting(store);
    let now = 0;
    const resolver = createKeyResolver({
      staticKeys: new Map(),
      store,
      cacheTtlMs: 1000,
      secretBox: undefined,
      now: () => now,
    });
    expect(await resolver.find(hashKey('sk-sb-later'))).toBeUndefined();
    await store.createKey(record('sk-sb-later'));
    expect(await resolver.find(hashKey('sk-sb-later'))).toBeDefined(); // no negative cache
    expect(lookups()).toBe(2);
    await Promise.all([1, 2, 3].map(() => resolver.find(hashKey('sk-sb-later'))));
    expect(lookups()).toBe(2);
    now = 1001;
    await resolver.find(hashKey('sk-sb-later'));
    expect(lookups()).toBe(3);
    resolver.invalidate(hashKey('sk-sb-later'));
    await resolver.find(hashKey('sk-sb-later'));
    expect(lookups()).toBe(4);
    const concurrent = await Promise.all([4, 5].map(() => resolver.find(hashKey('sk-sb-nothing'))));
    expect(concurrent).toEqual([undefined, undefined]);
    expect(lookups()).toBe(5);
  });

  it('finds static keys without the store, and opens sealed provider keys', async () => {
    const box = createSecretBox(generateEncryptionKey());
    const store = new MemoryKeyStore();
    const sealed = record('sk-sb-byok', {
      providerKeys: { openai: box.seal('sk-openai-1234567', 'key_sk-sb-byok:openai') },
    });
    await store.createKey(sealed);
    const fixed = record('sk-sb-static');
    const resolver = createKeyResolver({
      staticKeys: new Map([[fixed.hash, fixed]]),
      store,
      cacheTtlMs: 0,
      secretBox: box,
    });
    expect((await resolver.find(fixed.hash))?.record.id).toBe('key_sk-sb-static');
    expect((await resolver.find(sealed.hash))?.providerKeys).toEqual({ openai: 'sk-openai-1234567' });
    const withoutBox = createKeyResolver({
      staticKeys: new Map(),
      store,
      cacheTtlMs: 0,
      secretBox: undefined,
    });
    await expect(withoutBox.find(sealed.hash)).rejects.toMatchObject({
      status: 500,
      code: 'provider_key_unavailable',
    });
  });
});
