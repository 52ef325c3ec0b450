import {
  type HttpClient,
  type ProviderTimeouts,
  parseOptions,
  providerOptionSchemas,
} from '@signalbox/provider-utils';
import { z } from 'zod';

/** Time limits of the adapter's own HTTP client, in milliseconds. */
export type AnthropicTimeouts = ProviderTimeouts;

/** Options of `createAnthropic`. */
export interface AnthropicProviderOptions {
  /** The provider name in the gateway (the `anthropic` of `anthropic/claude-haiku-4-5`); default `anthropic`. */
  name?: string;
  /** Sent as `x-api-key`; a call's own key (BYOK) wins. */
  apiKey?: string;
  /** Default `https://api.anthropic.com`, without `/v1` (the official SDK's convention). A trailing slash is fine. */
  baseURL?: string;
  /** Sent as `anthropic-version`; default `2023-06-01`. */
  anthropicVersion?: string;
  /** Extra headers on every request (before the headers forwarded from the client). */
  headers?: Record<string, string>;
  /** `max_tokens` when the request has none (Anthropic requires it); default core's `DEFAULT_ANTHROPIC_MAX_TOKENS` (4096). */
  defaultMaxTokens?: number;
  /** Timeouts of the adapter's own HTTP client (not allowed with `httpClient`). */
  timeouts?: AnthropicTimeouts;
  /** `GET /v1/models` of the gateway: `true` (default) asks the upstream, a list is served as is, `false` lists nothing. */
  listModels?: boolean | string[];
  /** A shared client from `createHttpClient`; by default the adapter creates its own. */
  httpClient?: HttpClient;
}

const anthropicOptionsSchema = z
  .strictObject({
    name: providerOptionSchemas.name.optional(),
    apiKey: providerOptionSchemas.apiKey.optional(),
    baseURL: providerOptionSchemas.baseURL.optional(),
    anthropicVersion: z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date like 2023-06-01')
      .optional(),
    headers: providerOptionSchemas.headers.optional(),
    defaultMaxTokens: z.number().int().positive().optional(),
    timeouts: providerOptionSchemas.timeouts.optional(),
    listModels: providerOptionSchemas.listModels.optional(),
    httpClient: providerOptionSchemas.httpClient.optional(),
  })
  .refine((options) => !(options.httpClient && options.timeouts), {
    path: ['timeouts'],
    message: 'cannot be combined with httpClient (set the timeouts on the client)',
  });

/**
 * Validates the options of `createAnthropic` at construction. Throws a `TypeError` naming the
 * first bad option (`createAnthropic: option 'defaultMaxTokens' ...`).
 */
export function parseAnthropicOptions(options: unknown): AnthropicProviderOptions {
  return parseOptions(anthropicOptionsSchema, options, 'createAnthropic');
}
