import { z } from 'zod';

const optionalUrl = z
  .string()
  .url()
  .transform((value) => value.replace(/\/+$/, ''))
  .optional();

const envSchema = z.object({
  HOST: z.string().default('127.0.0.1'),
  PORT: z.coerce.number().int().min(0).max(65535).default(8787),
  SIGNALBOX_FRAMEWORK: z.enum(['express', 'koa']).default('express'),
  SIGNALBOX_API_KEYS: z.string().optional(),
  SIGNALBOX_ADMIN_KEY: z.string().optional(),
  SIGNALBOX_ENCRYPTION_KEY: z.string().optional(),
  SIGNALBOX_BYOK_HEADERS: z.enum(['true', 'false']).default('false'),
  SIGNALBOX_KEY_CACHE_TTL_MS: z.coerce.number().int().min(0).default(10_000),
  SIGNALBOX_RATE_LIMIT_RPM: z.coerce.number().int().positive().optional(),
  SIGNALBOX_RATE_LIMIT_TPM: z.coerce.number().int().positive().optional(),
  SIGNALBOX_RATE_LIMIT_ON_STORE_ERROR: z.enum(['allow', 'deny']).default('allow'),
  SIGNALBOX_BODY_LIMIT: z.string().default('10mb'),
  OPENAI_API_KEY: z.string().optional(),
  OPENAI_BASE_URL: optionalUrl,
  ANTHROPIC_API_KEY: z.string().optional(),
  ANTHROPIC_BASE_URL: optionalUrl,
  DATABASE_URL: z.string().optional(),
  REDIS_URL: z.string().optional(),
  SIGNALBOX_CATALOG: z.string().optional(),
  SIGNALBOX_FIRST_TOKEN_TIMEOUT_MS: z.coerce.number().int().positive().default(60_000),
  SIGNALBOX_COOLDOWN_MS: z.coerce.number().int().positive().default(30_000),
  SIGNALBOX_LOG_IO: z.enum(['true', 'false']).default('false'),
  SIGNALBOX_WEBHOOK_URLS: z.string().optional(),
  SIGNALBOX_WEBHOOK_SECRET: z.string().min(16).optional(),
  OTEL_EXPORTER_OTLP_ENDPOINT: optionalUrl,
  OTEL_SERVICE_NAME: z.string().default('signalbox-gateway'),
});

/** The example gateway's configuration, read from the environment and validated once. */
export interface GatewayConfig {
  host: string;
  port: number;
  framework: 'express' | 'koa';
  /** Accepted gateway keys; empty means "generate a development key". */
  apiKeys: string[];
  adminKey: string | undefined;
  /** Auth: seals stored BYOK keys (`SIGNALBOX_ENCRYPTION_KEY`, 32 bytes base64/hex). */
  encryptionKey: string | undefined;
  /** Auth: accept `x-signalbox-provider-key-<provider>` headers (`SIGNALBOX_BYOK_HEADERS=true`). */
  providerKeyHeaders: boolean;
  /** Auth: how long a found key is cached, ms (`SIGNALBOX_KEY_CACHE_TTL_MS`, default 10,000). */
  keyCacheTtlMs: number;
  /** Limits for principals with none of their own (`SIGNALBOX_RATE_LIMIT_RPM` / `_TPM`). */
  defaultLimits: { requestsPerMinute?: number; tokensPerMinute?: number };
  /** When the rate-limit store is down: `allow` (default) or `deny` (503). */
  rateLimitOnStoreError: 'allow' | 'deny';
  bodyLimit: string;
  openai: { apiKey: string; baseURL: string } | undefined;
  anthropic: { apiKey: string; baseURL: string } | undefined;
  databaseUrl: string | undefined;
  redisUrl: string | undefined;
  /** A JSON or YAML model catalog (`SIGNALBOX_CATALOG`); default: the built-in example catalog. */
  catalogPath: string | undefined;
  /** Router: time allowed until a stream's first content before falling back; cooldown of failing providers. */
  firstTokenTimeoutMs: number;
  cooldownMs: number;
  /** Observability: capture prompts and completions in the request log (`SIGNALBOX_LOG_IO=true`; off by default). */
  logIo: boolean;
  /** Completed request records POSTed, signed, to these URLs (`SIGNALBOX_WEBHOOK_URLS`, comma-separated). */
  webhookUrls: string[];
  /** The HMAC secret of the webhooks (`SIGNALBOX_WEBHOOK_SECRET`, required with URLs). */
  webhookSecret: string | undefined;
  /** OTLP/HTTP trace export when set (`OTEL_EXPORTER_OTLP_ENDPOINT`), as `OTEL_SERVICE_NAME`. */
  otlpEndpoint: string | undefined;
  otelServiceName: string;
}

/** Reads the configuration; throws an Error naming the variable when one is invalid. */
export function readConfig(env: Record<string, string | undefined> = process.env): GatewayConfig {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`Invalid environment variable ${issue?.path.join('.')}: ${issue?.message}`);
  }
  const value = parsed.data;
  const webhookUrls = (value.SIGNALBOX_WEBHOOK_URLS ?? '')
    .split(',')
    .map((url) => url.trim())
    .filter(Boolean);
  if (webhookUrls.length > 0 && value.SIGNALBOX_WEBHOOK_SECRET === undefined) {
    throw new Error('Invalid environment variable SIGNALBOX_WEBHOOK_SECRET: required with SIGNALBOX_WEBHOOK_URLS');
  }
  return {
    host: value.HOST,
    port: value.PORT,
    framework: value.SIGNALBOX_FRAMEWORK,
    apiKeys: (value.SIGNALBOX_API_KEYS ?? '')
      .split(',')
      .map((key) => key.trim())
      .filter(Boolean),
    adminKey: value.SIGNALBOX_ADMIN_KEY,
    encryptionKey: value.SIGNALBOX_ENCRYPTION_KEY,
    providerKeyHeaders: value.SIGNALBOX_BYOK_HEADERS === 'true',
    keyCacheTtlMs: value.SIGNALBOX_KEY_CACHE_TTL_MS,
    defaultLimits: {
      ...(value.SIGNALBOX_RATE_LIMIT_RPM !== undefined && {
        requestsPerMinute: value.SIGNALBOX_RATE_LIMIT_RPM,
      }),
      ...(value.SIGNALBOX_RATE_LIMIT_TPM !== undefined && {
        tokensPerMinute: value.SIGNALBOX_RATE_LIMIT_TPM,
      }),
    },
    rateLimitOnStoreError: value.SIGNALBOX_RATE_LIMIT_ON_STORE_ERROR,
    bodyLimit: value.SIGNALBOX_BODY_LIMIT,
    openai: value.OPENAI_API_KEY
      ? { apiKey: value.OPENAI_API_KEY, baseURL: value.OPENAI_BASE_URL ?? 'https://api.openai.com/v1' }
      : undefined,
    anthropic: value.ANTHROPIC_API_KEY
      ? { apiKey: value.ANTHROPIC_API_KEY, baseURL: value.ANTHROPIC_BASE_URL ?? 'https://api.anthropic.com' }
      : undefined,
    databaseUrl: value.DATABASE_URL,
    redisUrl: value.REDIS_URL,
    catalogPath: value.SIGNALBOX_CATALOG,
    firstTokenTimeoutMs: value.SIGNALBOX_FIRST_TOKEN_TIMEOUT_MS,
    cooldownMs: value.SIGNALBOX_COOLDOWN_MS,
    logIo: value.SIGNALBOX_LOG_IO === 'true',
    webhookUrls,
    webhookSecret: value.SIGNALBOX_WEBHOOK_SECRET,
    otlpEndpoint: value.OTEL_EXPORTER_OTLP_ENDPOINT,
    otelServiceName: value.OTEL_SERVICE_NAME,
  };
}
