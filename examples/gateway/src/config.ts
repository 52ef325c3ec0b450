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
  SIGNALBOX_BODY_LIMIT: z.string().default('10mb'),
  OPENAI_API_KEY: z.string().optional(),
  OPENAI_BASE_URL: optionalUrl,
  ANTHROPIC_API_KEY: z.string().optional(),
  ANTHROPIC_BASE_URL: optionalUrl,
  DATABASE_URL: z.string().optional(),
  REDIS_URL: z.string().optional(),
});

/** The example gateway's configuration, read from the environment and validated once. */
export interface GatewayConfig {
  host: string;
  port: number;
  framework: 'express' | 'koa';
  /** Accepted gateway keys; empty means "generate a development key". */
  apiKeys: string[];
  adminKey: string | undefined;
  bodyLimit: string;
  openai: { apiKey: string; baseURL: string } | undefined;
  anthropic: { apiKey: string; baseURL: string } | undefined;
  databaseUrl: string | undefined;
  redisUrl: string | undefined;
}

/** Reads the configuration; throws an Error naming the variable when one is invalid. */
export function readConfig(env: Record<string, string | undefined> = process.env): GatewayConfig {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`Invalid environment variable ${issue?.path.join('.')}: ${issue?.message}`);
  }
  const value = parsed.data;
  return {
    host: value.HOST,
    port: value.PORT,
    framework: value.SIGNALBOX_FRAMEWORK,
    apiKeys: (value.SIGNALBOX_API_KEYS ?? '')
      .split(',')
      .map((key) => key.trim())
      .filter(Boolean),
    adminKey: value.SIGNALBOX_ADMIN_KEY,
    bodyLimit: value.SIGNALBOX_BODY_LIMIT,
    openai: value.OPENAI_API_KEY
      ? { apiKey: value.OPENAI_API_KEY, baseURL: value.OPENAI_BASE_URL ?? 'https://api.openai.com/v1' }
      : undefined,
    anthropic: value.ANTHROPIC_API_KEY
      ? { apiKey: value.ANTHROPIC_API_KEY, baseURL: value.ANTHROPIC_BASE_URL ?? 'https://api.anthropic.com' }
      : undefined,
    databaseUrl: value.DATABASE_URL,
    redisUrl: value.REDIS_URL,
  };
}
