/**
 * `@signalbox/cache/redis`: the Redis stores alone (no client library needed; pass `sendCommand`).
 *
 * @module
 */
export { RedisCacheStore, type RedisCacheStoreOptions } from './redis-cache-store.js';
export { RedisAffinityStore, type RedisAffinityStoreOptions } from './affinity-store.js';
