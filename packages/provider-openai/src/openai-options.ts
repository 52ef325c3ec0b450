import {
  type HttpClient,
  type ProviderTimeouts,
  parseOptions,
  providerOptionSchemas,
} from '@signalbox/provider-utils';
import { z } from 'zod';

/** Time limits of the adapter's own HTTP client, in milliseconds. */
export type OpenAITimeouts = ProviderTimeouts;

/** Options of `createOpenAI`. */
export interface OpenAIProviderOptions {
  /** The provider name in the gateway (the `openai` of `openai/gpt-4o-mini`); default `openai`. */
  name?: string;
  /** Sent as `Authorization: Bearer`; a call's own key (BYOK) wins. Optional for keyless local servers. */
  apiKey?: string;
  /** Default `https://api.openai.com/v1`; includes `/v1`, like the official SDK. A trailing slash is fine. */
  baseURL?: string;
  /** Extra headers on every request (before the headers forwarded from the client). */
  headers?: Record<string, string>;
  /** Sent as `OpenAI-Organization`. */
  organization?: string;
  /** Sent as `OpenAI-Project`. */
  project?: string;
  /** The field for the output token limit; default the client's, else `max_tokens`. */
  maxTokensField?: 'max_tokens' | 'max_completion_tokens';
  /** Timeouts of the adapter's own HTTP client (not allowed with `httpClient`). */
  timeouts?: OpenAITimeouts;
  /** `GET /v1/models` of the gateway: `true` (default) asks the upstream, a list is served as is, `false` lists nothing. */
  listModels?: boolean | string[];
  /** A shared client from `createHttpClient`; by default the adapter creates its own. */
  httpClient?: HttpClient;
}

const openaiOptionsSchema = z
  .strictObject({
    name: providerOptionSchemas.name.optional(),
    apiKey: providerOptionSchemas.apiKey.optional(),
    baseURL: providerOptionSchemas.baseURL.optional(),
    headers: providerOptionSchemas.headers.optional(),
    organization: z.string().min(1).optional(),
    project: z.string().min(1).optional(),
    maxTokensField: z.enum(['max_tokens', 'max_completion_tokens']).optional(),
    timeouts: providerOptionSchemas.timeouts.optional(),
    listModels: providerOptionSchemas.listModels.optional(),
    httpClient: providerOptionSchemas.httpClient.optional(),
  })
  .refine((options) => !(options.httpClient && options.timeouts), {
    path: ['timeouts'],
    message: 'cannot be combined with httpClient (set the timeouts on the client)',
  });

/**
 * Validates the options of `createOpenAI` at construction. Throws a `TypeError` naming the
 * first bad option (`createOpenAI: option 'baseURL' must be an http(s) URL`).
 */
export function parseOpenAIOptions(options: unknown): OpenAIProviderOptions {
  return parseOptions(openaiOptionsSchema, options, 'createOpenAI');
}
