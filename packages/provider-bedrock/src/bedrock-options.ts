import {
  type HttpClient,
  type ProviderTimeouts,
  parseOptions,
  providerOptionSchemas,
} from '@signalbox/provider-utils';
import { z } from 'zod';
import type { BedrockCredentialProvider, BedrockCredentials } from './bedrock-credentials.js';

/** Options of `createBedrock`. */
export interface BedrockProviderOptions {
  /** The provider name in the gateway (the `bedrock` of `bedrock/anthropic.claude-...`); default `bedrock`. */
  name?: string;
  /** The AWS region (`us-east-1`); default `AWS_REGION`, then `AWS_DEFAULT_REGION`. Required one way or the other. */
  region?: string;
  /**
   * Static credentials or a provider of them (any AWS SDK credential provider fits, e.g.
   * `fromIni({ profile })`); default the standard chain, `fromNodeProviderChain()`.
   */
  credentials?: BedrockCredentials | BedrockCredentialProvider;
  /**
   * A Bedrock API key, sent as `Authorization: Bearer` instead of a SigV4 signature (default
   * `AWS_BEARER_TOKEN_BEDROCK` when set). A call's own key (BYOK) is sent the same way.
   */
  apiKey?: string;
  /** Default `https://bedrock-runtime.{region}.amazonaws.com` (a VPC endpoint, a proxy, a fake in tests). */
  baseURL?: string;
  /** Extra headers on every request (signed with the rest). */
  headers?: Record<string, string>;
  /** Timeouts of the adapter's own HTTP client (not allowed with `httpClient`). */
  timeouts?: ProviderTimeouts;
  /** Model ids listed by `GET /v1/models` of the gateway; default none. */
  listModels?: string[] | false;
  /** A shared client from `createHttpClient`; by default the adapter creates its own. */
  httpClient?: HttpClient;
}

const credentialsSchema = z.union([
  z.custom<BedrockCredentialProvider>(
    (value) => typeof value === 'function',
    'must be a credential provider',
  ),
  z.looseObject({
    accessKeyId: z.string().min(1),
    secretAccessKey: z.string().min(1),
    sessionToken: z.string().min(1).optional(),
    expiration: z.date().optional(),
  }),
]);

const bedrockOptionsSchema = z
  .strictObject({
    name: providerOptionSchemas.name.optional(),
    region: z
      .string()
      .regex(/^[a-z]{2}(-[a-z]+)+-\d+$/, 'must be an AWS region such as us-east-1')
      .optional(),
    credentials: credentialsSchema.optional(),
    apiKey: providerOptionSchemas.apiKey.optional(),
    baseURL: providerOptionSchemas.baseURL.optional(),
    headers: providerOptionSchemas.headers.optional(),
    timeouts: providerOptionSchemas.timeouts.optional(),
    listModels: z.union([z.literal(false), z.array(z.string().min(1))]).optional(),
    httpClient: providerOptionSchemas.httpClient.optional(),
  })
  .refine((options) => !(options.httpClient && options.timeouts), {
    path: ['timeouts'],
    message: 'cannot be combined with httpClient (set the timeouts on the client)',
  });

/** The options after validation, with the region resolved. */
export type ResolvedBedrockOptions = Omit<BedrockProviderOptions, 'region'> & { region: string };

/**
 * Validates the options of `createBedrock` at construction, with the region and API key
 * defaulted from the environment. Throws a `TypeError` naming the first bad option
 * (`createBedrock: option 'region' must be an AWS region such as us-east-1`).
 */
export function parseBedrockOptions(
  options: unknown,
  env: Record<string, string | undefined> = process.env,
): ResolvedBedrockOptions {
  const config = parseOptions(bedrockOptionsSchema, options, 'createBedrock') as BedrockProviderOptions;
  const region = config.region ?? env.AWS_REGION ?? env.AWS_DEFAULT_REGION;
  if (region === undefined || region === '')
    throw new TypeError("createBedrock: option 'region' is required (or set AWS_REGION)");
  const apiKey = config.apiKey ?? (env.AWS_BEARER_TOKEN_BEDROCK || undefined);
  return { ...config, region, ...(apiKey !== undefined && { apiKey }) };
}
