import { auth, generateKey, PostgresKeyStore, RedisRateLimitStore, rateLimits } from '@signalbox/auth';
import { Redis } from 'ioredis';
import pg from 'pg';
import { createGateway, type Gateway, type ProviderAdapter } from '@signalbox/core';
import { promptCaching, RedisAffinityStore, RedisCacheStore, responseCache } from '@signalbox/cache';
import {
  cost,
  createPriceCatalog,
  PostgresBudgetStore,
  PostgresLedgerStore,
  withModelPricing,
} from '@signalbox/cost';
import { metadata } from '@signalbox/metadata';
import { createAnthropic } from '@signalbox/provider-anthropic';
import { createGoogle, createVertex } from '@signalbox/provider-google';
import { createMockProvider } from '@signalbox/provider-mock';
import { createOpenAI, openaiPresetsFromEnv } from '@signalbox/provider-openai';
import { createAzure } from '@signalbox/provider-azure';
import { createBedrock } from '@signalbox/provider-bedrock';
import { router } from '@signalbox/routing';
import { randomBytes } from 'node:crypto';
import { type Dashboard, dashboard } from '@signalbox/dashboard';
import {
  metricsHandler,
  type NodeHandler,
  openTelemetry,
  PostgresLogStore,
  type PrometheusMetrics,
  prometheusMetrics,
  type RecordSink,
  type RequestLogMiddleware,
  requestLog,
  webhookBroadcast,
} from '@signalbox/observability';
import { exampleCatalog } from './catalog.js';
import type { GatewayConfig } from './config.js';
import { startTracing } from './tracing.js';

export interface ExampleGateway {
  gateway: Gateway;
  /** The accepted keys; a generated development key when none were configured. */
  apiKeys: string[];
  /** True when the key was generated at start-up (print it). */
  generatedKey: boolean;
  /** The admin key of the dashboard, `/metrics` and the admin API (`SIGNALBOX_ADMIN_KEY`, or generated). */
  adminKey: string;
  /** True when the admin key was generated at start-up (print it). */
  generatedAdminKey: boolean;
  /** The request log (its store, counters and `flush()`), and the Prometheus metrics fed by it. */
  log: RequestLogMiddleware;
  metrics: PrometheusMetrics;
  /** What the app mounts besides `/v1`: `/metrics` and `/dashboard`, both behind the admin key. */
  mounts: { metrics: NodeHandler; dashboard: Dashboard };
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
  // Gemini: `google/<model>` with an API key; Vertex AI: `vertex/<model>` with a service account.
  if (config.google)
    providers.push(createGoogle({ apiKey: config.google.apiKey, baseURL: config.google.baseURL }));
  if (config.vertex) {
    const { project, location, keyFile, baseURL } = config.vertex;
    providers.push(
      createVertex({ project, location, ...(keyFile && { keyFile }), ...(baseURL && { baseURL }) }),
    );
  }
  // Amazon Bedrock: `bedrock/<model id>`, SigV4 with the environment's keys or the AWS credential chain.
  if (config.bedrock) {
    const { region, credentials, apiKey, baseURL } = config.bedrock;
    providers.push(
      createBedrock({
        region,
        ...(credentials && { credentials }),
        ...(apiKey && { apiKey }),
        ...(baseURL && { baseURL }),
      }),
    );
  }
  // Azure OpenAI: `azure/<model>`, sent to the deployment of that name (or AZURE_OPENAI_DEPLOYMENTS's).
  if (config.azure) {
    const { apiKey, endpoint, apiVersion, deployments } = config.azure;
    providers.push(createAzure({ ...endpoint, apiKey, deployments, ...(apiVersion && { apiVersion }) }));
  }
  // OpenAI-compatible presets, each by its usual variable: `groq/<model>`, `ollama/<model>`...
  providers.push(...openaiPresetsFromEnv(config.presetEnv));
  // Shared stores: keys on Postgres (DATABASE_URL), rate-limit counters on Redis (REDIS_URL).
  const pool = config.databaseUrl
    ? new pg.Pool({ connectionString: config.databaseUrl, max: 10 })
    : undefined;
  const redis = config.redisUrl ? new Redis(config.redisUrl, { maxRetriesPerRequest: 1 }) : undefined;
  redis?.on('error', () => {}); // failures are reported (and handled) by the stores that use it
  const sendCommand = redis && ((...args: string[]) => redis.call(args[0] ?? '', ...args.slice(1)));
  // Prices: the shipped list, plus the second mock provider and the catalog's `signalbox/echo`.
  const mockPrice = { unit: 'million', input: '1', output: '2' } as const;
  const prices = createPriceCatalog({ prices: { 'mock-backup/*': mockPrice, 'signalbox/echo': mockPrice } });
  // Observability: the request log (Postgres with DATABASE_URL; I/O only with SIGNALBOX_LOG_IO=true),
  // Prometheus metrics and webhooks fed by its records, OTel spans exported when OTLP is configured.
  const generatedAdminKey = config.adminKey === undefined;
  const adminKey = config.adminKey ?? `sbx-admin-${randomBytes(24).toString('base64url')}`;
  const metrics = prometheusMetrics();
  const sinks: RecordSink[] = [metrics];
  if (config.webhookUrls.length > 0 && config.webhookSecret) {
    sinks.push(webhookBroadcast({ urls: config.webhookUrls, secret: config.webhookSecret }));
  }
  const log = requestLog({
    ...(pool && { store: new PostgresLogStore({ client: pool }) }),
    captureIo: config.logIo,
    sinks,
    adminKey,
  });
  const tracing = config.otlpEndpoint
    ? startTracing({ endpoint: config.otlpEndpoint, serviceName: config.otelServiceName })
    : undefined;
  const gateway = createGateway({
    providers: providers.map((provider) => withModelPricing(provider, prices)),
    use: [
      auth({
        keys: apiKeys,
        ...(pool && { store: new PostgresKeyStore({ client: pool }) }),
        admin: { key: adminKey }, // the admin API under /v1/admin, with the same key as the dashboard
        ...(config.encryptionKey && { encryptionKey: config.encryptionKey }),
        providerKeyHeaders: config.providerKeyHeaders,
        cacheTtlMs: config.keyCacheTtlMs,
      }),
      // Outside limits, cost and cache, so refused requests and cache hits are traced and logged too.
      ...(tracing ? [openTelemetry({ tracer: tracing.tracer })] : []),
      log,
      rateLimits({
        defaults: config.defaultLimits,
        onStoreError: config.rateLimitOnStoreError,
        ...(sendCommand && {
          store: new RedisRateLimitStore({
            sendCommand,
          }),
        }),
      }),
      // Cost: ledger and budgets on Postgres with DATABASE_URL (budgets: see @signalbox/cost's README).
      cost({
        catalog: prices,
        ...(pool && {
          ledger: new PostgresLedgerStore({ client: pool }),
          budgetStore: new PostgresBudgetStore({ client: pool }),
        }),
      }),
      responseCache({
        openrouter: true,
        ...(sendCommand && {
          store: new RedisCacheStore({
            sendCommand,
          }),
        }),
      }),
      metadata(),
      promptCaching({
        ...(sendCommand && {
          affinityStore: new RedisAffinityStore({
            sendCommand,
          }),
        }),
      }),
      router({
        catalog: config.catalogPath ?? exampleCatalog,
        firstTokenTimeoutMs: config.firstTokenTimeoutMs,
        cooldown: { threshold: 3, cooldownMs: config.cooldownMs, failureWindowMs: 60_000 },
      }),
    ],
  });
  // The shared clients close last, after every middleware's close hook (which may still use them).
  const closeMiddlewares = gateway.close;
  gateway.close = async () => {
    await closeMiddlewares();
    await tracing?.shutdown();
    await pool?.end();
    redis?.disconnect();
  };
  const mounts = {
    metrics: metricsHandler(metrics, { adminKey }),
    dashboard: dashboard({ logStore: log.store, adminKey }),
  };
  return { gateway, apiKeys, generatedKey, adminKey, generatedAdminKey, log, metrics, mounts };
}
