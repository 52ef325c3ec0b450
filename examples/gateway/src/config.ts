import { openaiPresets } from '@signalbox/provider-openai';
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
  GEMINI_API_KEY: z.string().optional(),
  GOOGLE_GENERATIVE_AI_API_KEY: z.string().optional(),
  GOOGLE_BASE_URL: optionalUrl,
  GOOGLE_VERTEX_PROJECT: z.string().optional(),
  GOOGLE_VERTEX_LOCATION: z.string().default('us-central1'),
  GOOGLE_VERTEX_BASE_URL: optionalUrl,
  GOOGLE_APPLICATION_CREDENTIALS: z.string().optional(),
  SIGNALBOX_BEDROCK: z.enum(['1', 'true', '0', 'false']).optional(),
  AWS_REGION: z.string().optional(),
  AWS_DEFAULT_REGION: z.string().optional(),
  AWS_ACCESS_KEY_ID: z.string().optional(),
  AWS_SECRET_ACCESS_KEY: z.string().optional(),
  AWS_SESSION_TOKEN: z.string().optional(),
  AWS_BEARER_TOKEN_BEDROCK: z.string().optional(),
  BEDROCK_BASE_URL: optionalUrl,
  AZURE_OPENAI_API_KEY: z.string().optional(),
  AZURE_OPENAI_ENDPOINT: optionalUrl,
  AZURE_OPENAI_RESOURCE: z.string().optional(),
  AZURE_OPENAI_API_VERSION: z.string().optional(),
  AZURE_OPENAI_DEPLOYMENTS: z.string().optional(),
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
  /** Gemini API: `GEMINI_API_KEY` (or `GOOGLE_GENERATIVE_AI_API_KEY`), `GOOGLE_BASE_URL` (`/v1beta` added when it has no version). */
  google: { apiKey: string; baseURL: string } | undefined;
  /** Vertex AI: `GOOGLE_VERTEX_PROJECT`, `GOOGLE_VERTEX_LOCATION` (default `us-central1`), `GOOGLE_APPLICATION_CREDENTIALS`, `GOOGLE_VERTEX_BASE_URL`. */
  vertex:
    | { project: string; location: string; keyFile: string | undefined; baseURL: string | undefined }
    | undefined;
  /**
   * Amazon Bedrock (`bedrock/<model id>`): on with `SIGNALBOX_BEDROCK=1`, `AWS_ACCESS_KEY_ID` or
   * `AWS_BEARER_TOKEN_BEDROCK`; region `AWS_REGION` (else `AWS_DEFAULT_REGION`, else us-east-1);
   * the key pair from the environment when given, else the AWS standard credential chain.
   */
  bedrock: BedrockConfig | undefined;
  /**
   * Azure OpenAI (`azure/<model>`): `AZURE_OPENAI_API_KEY` with `AZURE_OPENAI_ENDPOINT` or
   * `AZURE_OPENAI_RESOURCE`; `AZURE_OPENAI_API_VERSION`; `AZURE_OPENAI_DEPLOYMENTS`
   * (`model=deployment,...`; default: the model id is the deployment name).
   */
  azure: AzureConfig | undefined;
  /** The variables of the OpenAI-compatible presets (`GROQ_API_KEY`, `OLLAMA_BASE_URL`...), as set. */
  presetEnv: Record<string, string | undefined>;
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

/** Amazon Bedrock settings of the example gateway. */
export interface BedrockConfig {
  region: string;
  credentials: { accessKeyId: string; secretAccessKey: string; sessionToken?: string } | undefined;
  apiKey: string | undefined;
  baseURL: string | undefined;
}

/** Azure OpenAI settings of the example gateway. */
export interface AzureConfig {
  apiKey: string;
  endpoint: { resourceName: string } | { baseURL: string };
  apiVersion: string | undefined;
  deployments: Record<string, string>;
}

type EnvValues = z.infer<typeof envSchema>;

function bedrockConfig(value: EnvValues): BedrockConfig | undefined {
  const flag = value.SIGNALBOX_BEDROCK;
  const on =
    flag === '1' ||
    flag === 'true' ||
    (flag === undefined && Boolean(value.AWS_ACCESS_KEY_ID || value.AWS_BEARER_TOKEN_BEDROCK));
  if (!on) return undefined;
  const {
    AWS_ACCESS_KEY_ID: accessKeyId,
    AWS_SECRET_ACCESS_KEY: secretAccessKey,
    AWS_SESSION_TOKEN: sessionToken,
  } = value;
  return {
    region: value.AWS_REGION || value.AWS_DEFAULT_REGION || 'us-east-1',
    credentials:
      accessKeyId && secretAccessKey
        ? { accessKeyId, secretAccessKey, ...(sessionToken && { sessionToken }) }
        : undefined,
    apiKey: value.AWS_BEARER_TOKEN_BEDROCK || undefined,
    baseURL: value.BEDROCK_BASE_URL,
  };
}

function azureConfig(value: EnvValues): AzureConfig | undefined {
  const apiKey = value.AZURE_OPENAI_API_KEY;
  if (!apiKey || !(value.AZURE_OPENAI_ENDPOINT || value.AZURE_OPENAI_RESOURCE)) return undefined;
  const deployments: Record<string, string> = {};
  for (const pair of (value.AZURE_OPENAI_DEPLOYMENTS ?? '').split(',')) {
    const [model, deployment] = pair.split('=').map((part) => part.trim());
    if (model && deployment) deployments[model] = deployment;
  }
  return {
    apiKey,
    endpoint: value.AZURE_OPENAI_ENDPOINT
      ? { baseURL: value.AZURE_OPENAI_ENDPOINT }
      : { resourceName: value.AZURE_OPENAI_RESOURCE ?? '' },
    apiVersion: value.AZURE_OPENAI_API_VERSION || undefined,
    deployments,
  };
}

/** The variables of the OpenAI-compatible presets that are set. */
function presetEnvOf(env: Record<string, string | undefined>): Record<string, string | undefined> {
  const picked: Record<string, string | undefined> = {};
  for (const preset of Object.values(openaiPresets))
    for (const name of ['apiKeyEnv' in preset ? preset.apiKeyEnv : undefined, preset.baseURLEnv])
      if (name !== undefined && env[name]) picked[name] = env[name];
  return picked;
}

/** The Gemini API settings: its base URL gets `/v1beta` when it names no API version. */
function googleConfig(apiKey: string | undefined, baseURL: string | undefined): GatewayConfig['google'] {
  if (!apiKey) return undefined;
  const base = baseURL ?? 'https://generativelanguage.googleapis.com';
  return { apiKey, baseURL: /\/v1(alpha|beta)?\d*$/.test(base) ? base : `${base}/v1beta` };
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
    throw new Error(
      'Invalid environment variable SIGNALBOX_WEBHOOK_SECRET: required with SIGNALBOX_WEBHOOK_URLS',
    );
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
    google: googleConfig(value.GEMINI_API_KEY ?? value.GOOGLE_GENERATIVE_AI_API_KEY, value.GOOGLE_BASE_URL),
    vertex: value.GOOGLE_VERTEX_PROJECT
      ? {
          project: value.GOOGLE_VERTEX_PROJECT,
          location: value.GOOGLE_VERTEX_LOCATION,
          keyFile: value.GOOGLE_APPLICATION_CREDENTIALS,
          baseURL: value.GOOGLE_VERTEX_BASE_URL,
        }
      : undefined,
    bedrock: bedrockConfig(value),
    azure: azureConfig(value),
    presetEnv: presetEnvOf(env),
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
