import type { ModelInfo, ProviderAdapter } from '@signalbox/core';
import { callJsonApi, joinUrl, mergeHeaders, resolveHttpClient } from '@signalbox/provider-utils';
import { createGoogleCalls } from './google-adapter.js';
import { createGoogleErrorHandler } from './google-error.js';
import { fromGoogleModelList } from './google-list-models.js';
import { geminiModelPath } from './google-model-path.js';
import { type GoogleProviderOptions, parseGoogleOptions } from './google-options.js';

/** The default base URL of the Gemini API, with its version. */
export const GOOGLE_DEFAULT_BASE_URL = 'https://generativelanguage.googleapis.com/v1beta';

/** A Gemini API provider adapter; `close()` frees its sockets when it created its own HTTP client. */
export interface GoogleProvider extends ProviderAdapter {
  /** The base URL requests go to (`https://generativelanguage.googleapis.com/v1beta`). */
  readonly baseURL: string;
  countTokens: NonNullable<ProviderAdapter['countTokens']>;
  /** Frees the HTTP client's sockets (when the adapter created its own client). */
  close(): Promise<void>;
}

/**
 * Creates a provider adapter for the Gemini API (Google AI Studio keys). Gemini is not one of the
 * client formats, so every request is translated: OpenAI- and Anthropic-format clients both reach
 * Gemini models (`google/gemini-2.5-flash`), with tools, images, system prompts, reasoning,
 * streaming and usage.
 *
 * - `generate`: `POST {baseURL}/models/{model}:generateContent` with `x-goog-api-key` (a call's
 *   own key wins: bring your own key). `stream`: `:streamGenerateContent?alt=sse`, resolving once
 *   the response headers arrived; a failure after that is an `error` part.
 * - `countTokens`: `:countTokens`. `listModels`: `GET {baseURL}/models` (models that support
 *   `generateContent`), or the configured list.
 * - Aborting `call.signal` closes the upstream socket at once; so does a consumer that stops
 *   reading the stream.
 * - Errors: Google's `{error: {code, message, status}}` as `UpstreamCallError`s: 429
 *   `RESOURCE_EXHAUSTED` (with the `RetryInfo` delay as `retryAfter`) and 5xx are retryable, 400
 *   `INVALID_ARGUMENT` is not, a rejected key (Gemini answers it with a 400 `API_KEY_INVALID`)
 *   is a 502 `upstream_authentication_failed`. The adapter never retries: the router does.
 *
 * Throws a `TypeError` naming the option when an option is invalid.
 *
 * @example
 * const gateway = createGateway({
 *   providers: [createGoogle({ apiKey: process.env.GEMINI_API_KEY })],
 *   use: [router()],
 * });
 * // clients then ask for `google/gemini-2.5-flash`
 */
export function createGoogle(options: GoogleProviderOptions = {}): GoogleProvider {
  const config = parseGoogleOptions(options);
  const name = config.name ?? 'google';
  const baseURL = config.baseURL ?? GOOGLE_DEFAULT_BASE_URL;
  const { client, close } = resolveHttpClient(config);
  const errorHandler = createGoogleErrorHandler(name);
  const keyHeaders = (apiKey: string | undefined): Record<string, string> =>
    apiKey === undefined ? {} : { 'x-goog-api-key': apiKey };

  const calls = createGoogleCalls({
    name,
    client,
    errorHandler,
    methodURL: (modelId, method) => `${joinUrl(baseURL, geminiModelPath(modelId))}:${method}`,
    authHeaders: async (call) => keyHeaders(call.apiKey ?? config.apiKey),
    ...(config.headers && { headers: config.headers }),
    vertex: false,
    filesBaseURL: baseURL,
  });

  const adapter: GoogleProvider = {
    specificationVersion: 'v1',
    name,
    baseURL,
    ...calls,
    close,
  };

  const listModels = config.listModels ?? true;
  if (Array.isArray(listModels)) {
    const models = listModels.map((id): ModelInfo => ({ id, ownedBy: name }));
    adapter.listModels = async () => models.map((model) => ({ ...model }));
  } else if (listModels) {
    const modelsURL = `${joinUrl(baseURL, 'models')}?pageSize=1000`;
    adapter.listModels = async ({ signal }) => {
      const { value } = await callJsonApi({
        client,
        url: modelsURL,
        method: 'GET',
        headers: mergeHeaders(config.headers, { accept: 'application/json' }, keyHeaders(config.apiKey)),
        signal,
        provider: name,
        errorHandler,
      });
      return fromGoogleModelList(value, name);
    };
  }
  return adapter;
}
