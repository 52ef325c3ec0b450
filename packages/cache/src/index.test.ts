import { describe, expect, it } from 'vitest';
import * as cache from './index.js';
import * as redis from './redis.js';

describe('@signalbox/cache entry points', () => {
  it('exports the middlewares, the stores and the helpers', () => {
    for (const name of [
      'responseCache',
      'promptCaching',
      'MemoryCacheStore',
      'RedisCacheStore',
      'MemoryAffinityStore',
      'RedisAffinityStore',
      'insertCacheMarkers',
      'cacheKey',
      'canonicalJson',
      'readCacheRequest',
    ]) {
      expect(typeof (cache as Record<string, unknown>)[name]).toBe('function');
    }
    expect(redis.RedisCacheStore).toBe(cache.RedisCacheStore);
    expect(redis.RedisAffinityStore).toBe(cache.RedisAffinityStore);
  });
});
