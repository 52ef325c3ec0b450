import { describe, expect, it } from 'vitest';
import type { GatewayKeyRecord } from './gateway-key.js';
import { hashKey } from './key-hash.js';
import { createKeyLookup, createKeyResolver } from './key-resolver.js';
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

  it('peeks at static and cached keys without I/O, the same object until expiry or invalidation', async () => {
    const store = new MemoryKeyStore();
    const lookups = counting(store);
    let now = 0;
    const fixed = record('sk-sb-static');
    const lookup = createKeyLookup({
      staticKeys: new Map([[fixed.hash, fixed]]),
      store,
      cacheTtlMs: 1000,
      secretBox: undefined,
      now: () => now,
    });
    const staticKey = lookup.peek(fixed.hash);
    expect(staticKey?.record).toBe(fixed);
    expect(lookup.peek(fixed.hash)).toBe(staticKey);
    expect(await lookup.find(fixed.hash)).toBe(staticKey);

    const stored = record('sk-sb-stored');
    await store.createKey(stored);
    expect(lookup.peek(stored.hash)).toBeUndefined(); // not looked up yet: peek never queries
    expect(lookups()).toBe(0);
    const found = await lookup.find(stored.hash);
    expect(lookups()).toBe(1);
    expect(lookup.peek(stored.hash)).toBe(found);
    now = 999;
    expect(lookup.peek(stored.hash)).toBe(found);
    now = 1000; // the TTL is over
    expect(lookup.peek(stored.hash)).toBeUndefined();
    const again = await lookup.find(stored.hash);
    expect(again).not.toBe(found);
    expect(lookup.peek(stored.hash)).toBe(again);
    lookup.invalidate(stored.hash);
    expect(lookup.peek(stored.hash)).toBeUndefined();
    expect(lookup.peek(hashKey('sk-sb-unknown'))).toBeUndefined();
    expect(lookups()).toBe(2);
  });

  it('caches nothing to peek at when the TTL is 0', async () => {
    const store = new MemoryKeyStore();
    const stored = record('sk-sb-uncached');
    await store.createKey(stored);
    const lookup = createKeyLookup({ staticKeys: new Map(), store, cacheTtlMs: 0, secretBox: undefined });
    expect(await lookup.find(stored.hash)).toBeDefined();
    expect(lookup.peek(stored.hash)).toBeUndefined();
  });
});
