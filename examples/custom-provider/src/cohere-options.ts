import {
  type HttpClient,
  type ProviderTimeouts,
  parseOptions,
  providerOptionSchemas,
} from '@signalbox/provider-utils';
import { z } from 'zod';

/** Options of `createCohere`. */
export interface CohereProviderOptions {
  /** The provider name in the gateway (the `cohere` of `cohere/command-a-03-2025`); default `cohere`. */
  name?: string;
  /** Sent as `Authorization: Bearer`; a call's own key (bring your own key) wins. */
  apiKey: string;
  /** Default `https://api.cohere.com`, without `/v2` (as the official SDK has it). A trailing slash is fine. */
  baseURL?: string;
  /** Extra headers on every request (`X-Client-Name`...). */
  headers?: Record<string, string>;
  /** Timeouts of the adapter's own HTTP client, in milliseconds (not allowed with `httpClient`). */
  timeouts?: ProviderTimeouts;
  /** A shared client from `createHttpClient`; by default the adapter creates its own. */
  httpClient?: HttpClient;
  /**
   * `GET /v1/models` of the gateway: a list is served as is, `true` asks Cohere
   * (`GET /v1/models?endpoint=chat`), `false` (default) lists nothing.
   */
  listModels?: boolean | string[];
}

const cohereOptionsSchema = z
  .strictObject({
    name: providerOptionSchemas.name.optional(),
    apiKey: providerOptionSchemas.apiKey,
    baseURL: providerOptionSchemas.baseURL.optional(),
    headers: providerOptionSchemas.headers.optional(),
    timeouts: providerOptionSchemas.timeouts.optional(),
    httpClient: providerOptionSchemas.httpClient.optional(),
    listModels: providerOptionSchemas.listModels.optional(),
  })
  .refine((options) => !(options.httpClient && options.timeouts), {
    path: ['timeouts'],
    message: 'cannot be combined with httpClient (set the timeouts on the client)',
  });

/**
 * Validates the options of `createCohere` once, at construction. Throws a `TypeError` naming the
 * first bad option (`createCohere: option 'apiKey' ...`, `createCohere: unknown option 'baseUrl'`).
 */
export function parseCohereOptions(options: unknown): CohereProviderOptions {
  return parseOptions(cohereOptionsSchema, options, 'createCohere');
}
