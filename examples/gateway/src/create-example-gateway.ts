import { auth, generateKey, PostgresKeyStore, RedisRateLimitStore, rateLimits } from '@signalbox/auth';
import { Redis } from 'ioredis';
import pg from 'pg';
import { createGateway, type Gateway, type ProviderAdapter } from '@signalbox/core';
import { metadata } from '@signalbox/metadata';
import { createAnthropic } from '@signalbox/provider-anthropic';
import { createMockProvider } from '@signalbox/provider-mock';
import { createOpenAI } from '@signalbox/provider-openai';
import { router } from '@signalbox/routing';
import { exampleCatalog } from './catalog.js';
import type { GatewayConfig } from './config.js';

export interface ExampleGateway {
  gateway: Gateway;
  /** The accepted keys; a generated development key when none were configured. */
  apiKeys: string[];
  /** True when the key was generated at start-up (print it). */
  generatedKey: boolean;
}

/** The example gateway's composition: the mock provider always, every middleware on. */
export function createExampleGateway(config: GatewayConfig): ExampleGateway {
  const generatedKey = config.apiKeys.length === 0;
  const apiKeys = generatedKey ? [generateKey()] : config.apiKeys;
  // Two mock providers serve the catalog's `signalbox/echo`, so fallback across providers works offline.
  const providers: ProviderAdapter[] = [createMockProvider(), createMockProvider({ name: 'mock-backup' })];
  if (config.openai)
    providers.push(createOpenAI({ apiKey: config.openai.apiKey, baseURL: config.openai.baseURL }));
  if (config.anthropic) {
    providers.push(createAnthropic({ apiKey: config.anthropic.apiKey, baseURL: config.anthropic.baseURL }));
  }
  // Shared stores: keys on Postgres (DATABASE_URL), rate-limit counters on Redis (REDIS_URL).
  const pool = config.databaseUrl ? new pg.Pool({ connectionString: config.databaseUrl, max: 10 }) : undefined;
  const redis = config.redisUrl ? new Redis(config.redisUrl, { maxRetriesPerRequest: 1 }) : undefined;
  redis?.on('error', () => {}); // failures are reported (and handled) by the stores that use it
  const gateway = createGateway({
    providers,
    use: [
      auth({
        keys: apiKeys,
        ...(pool && { store: new PostgresKeyStore({ client: pool, onClose: () => pool.end() }) }),
        ...(config.adminKey && { admin: { key: config.adminKey } }),
        ...(config.encryptionKey && { encryptionKey: config.encryptionKey }),
        providerKeyHeaders: config.providerKeyHeaders,
        cacheTtlMs: config.keyCacheTtlMs,
      }),
      rateLimits({
        defaults: config.defaultLimits,
        onStoreError: config.rateLimitOnStoreError,
        ...(redis && {
          store: new RedisRateLimitStore({
            sendCommand: (...args) => redis.call(args[0] ?? '', ...args.slice(1)),
            onShutdown: () => redis.quit(),
          }),
        }),
      }),
      metadata(),
      router({
        catalog: config.catalogPath ?? exampleCatalog,
        firstTokenTimeoutMs: config.firstTokenTimeoutMs,
        cooldown: { threshold: 3, cooldownMs: config.cooldownMs, failureWindowMs: 60_000 },
      }),
    ],
  });
  return { gateway, apiKeys, generatedKey };
}
