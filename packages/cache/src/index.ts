/**
 * `@signalbox/cache`: a gateway response cache with request coalescing (memory and Redis stores),
 * and provider prompt caching that hits (Anthropic cache markers, cache-affine routing).
 *
 * @module
 */
export { responseCache } from './response-cache.js';
export { type ResponseCacheOptions, parseResponseCacheOptions } from './response-cache-options.js';
export type { CacheState } from './serve-hit.js';
export type { CacheHitMetadata } from './hit-extension.js';
export {
  type CacheEntry,
  type CacheEntryInfo,
  type ResolvedTarget,
  zeroUsage,
} from './cache-entry.js';
export type { CacheStore } from './cache-store.js';
export { MemoryCacheStore, type MemoryCacheStoreOptions } from './memory-cache-store.js';
export { RedisCacheStore, type RedisCacheStoreOptions } from './redis-cache-store.js';
export { cacheKey, cacheScopeOf, keyedRequest, type CacheKeyParts, type CacheScope } from './cache-key.js';
export { canonicalJson } from './canonical-json.js';
export {
  cacheHeaderNames,
  cacheResponseHeaders,
  readCacheRequest,
  MAX_TTL_SECONDS,
  MIN_TTL_SECONDS,
  type CacheHeaderNames,
  type CacheRequest,
  type CacheResponseInfo,
} from './cache-headers.js';
export type { CacheLogger } from './warn-throttle.js';
export { promptCaching, affinityKey, type PromptCachingState } from './prompt-caching.js';
export { type PromptCachingOptions, parsePromptCachingOptions } from './prompt-caching-options.js';
export {
  insertCacheMarkers,
  type CacheControl,
  type CacheMarkerOptions,
  type CacheMarkerResult,
  type MarkerLocation,
} from './cache-markers.js';
export { staticPrefix, finalTurnStart, type StaticPrefix } from './prompt-prefix.js';
export {
  type AffinityStore,
  MemoryAffinityStore,
  type MemoryAffinityStoreOptions,
  RedisAffinityStore,
  type RedisAffinityStoreOptions,
} from './affinity-store.js';
