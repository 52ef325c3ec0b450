import {
  type HttpClient,
  type ProviderTimeouts,
  parseOptions,
  providerOptionSchemas,
} from '@signalbox/provider-utils';
import { z } from 'zod';

/** Options of `createGoogle`. */
export interface GoogleProviderOptions {
  /** The provider name in the gateway (the `google` of `google/gemini-2.5-flash`); default `google`. */
  name?: string;
  /** Sent as `x-goog-api-key`; a call's own key (BYOK) wins. */
  apiKey?: string;
  /** Default `https://generativelanguage.googleapis.com/v1beta` (with the API version). A trailing slash is fine. */
  baseURL?: string;
  /** Extra headers on every request. */
  headers?: Record<string, string>;
  /** Timeouts of the adapter's own HTTP client (not allowed with `httpClient`). */
  timeouts?: ProviderTimeouts;
  /**
   * `GET /v1/models` of the gateway: `true` (default) asks Gemini's `models` endpoint (models
   * that support `generateContent`), a list is served as is, `false` lists nothing.
   */
  listModels?: boolean | string[];
  /** A shared client from `createHttpClient`; by default the adapter creates its own. */
  httpClient?: HttpClient;
}

const googleOptionsSchema = z
  .strictObject({
    name: providerOptionSchemas.name.optional(),
    apiKey: providerOptionSchemas.apiKey.optional(),
    baseURL: providerOptionSchemas.baseURL.optional(),
    headers: providerOptionSchemas.headers.optional(),
    timeouts: providerOptionSchemas.timeouts.optional(),
    listModels: providerOptionSchemas.listModels.optional(),
    httpClient: providerOptionSchemas.httpClient.optional(),
  })
  .refine((options) => !(options.httpClient && options.timeouts), {
    path: ['timeouts'],
    message: 'cannot be combined with httpClient (set the timeouts on the client)',
  });

/**
 * Validates the options of `createGoogle` at construction. Throws a `TypeError` naming the first
 * bad option (`createGoogle: option 'baseURL' must be an http(s) URL`).
 */
export function parseGoogleOptions(options: unknown): GoogleProviderOptions {
  return parseOptions(googleOptionsSchema, options, 'createGoogle');
}
