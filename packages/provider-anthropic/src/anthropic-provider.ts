import {
  fromAnthropicMessage,
  fromAnthropicStream,
  GatewayError,
  type GenerateResult,
  type ModelInfo,
  type ProviderAdapter,
  type ProviderCall,
  type StreamResult,
  toAnthropicCountTokensRequest,
  toAnthropicMessagesRequest,
} from '@signalbox/core';
import {
  callJsonApi,
  generateFromJsonApi,
  joinUrl,
  openApiResponse,
  resolveHttpClient,
  upstreamInvalidResponse,
  upstreamStreamResult,
} from '@signalbox/provider-utils';
import { createAnthropicErrorHandler } from './anthropic-error.js';
import { anthropicHeaders } from './anthropic-headers.js';
import { fromAnthropicModelPage } from './anthropic-list-models.js';
import { type AnthropicProviderOptions, parseAnthropicOptions } from './anthropic-options.js';

/** The default base URL, without `/v1` as the official SDK has it. */
export const ANTHROPIC_DEFAULT_BASE_URL = 'https://api.anthropic.com';

/** The default `anthropic-version` header. */
export const ANTHROPIC_DEFAULT_VERSION = '2023-06-01';

/** Pages of `GET /v1/models` read at most (1000 models each). */
const MAX_MODEL_PAGES = 10;

/** An Anthropic provider adapter; `close()` frees its sockets when it created its own HTTP client. */
export interface AnthropicProvider extends ProviderAdapter {
  readonly format: 'anthropic';
  /** The base URL requests go to (`https://api.anthropic.com`). */
  readonly baseURL: string;
  /** Counts the input tokens of a request with Anthropic's `POST /v1/messages/count_tokens`. */
  countTokens(call: ProviderCall): Promise<{ inputTokens: number }>;
  /** Closes the HTTP client the adapter created for itself (a shared `httpClient` stays open). */
  close(): Promise<void>;
}

/**
 * Creates a provider adapter for the Anthropic Messages API.
 *
 * - `generate`: `POST {baseURL}/v1/messages` with `x-api-key` (the call's own key wins: BYOK),
 *   `anthropic-version`, the configured headers, then the headers forwarded from an
 *   Anthropic-format client (`anthropic-beta` flags are combined). The body comes from core's
 *   `toAnthropicMessagesRequest` (with `defaultMaxTokens`), the result from `fromAnthropicMessage`;
 *   fields the canonical model does not know pass through when the client spoke Anthropic too.
 * - `stream`: the same with `stream: true`; resolves once the response headers arrived, then
 *   yields the parts of `fromAnthropicStream` (an `error` event or a failure mid-stream is an
 *   `error` part).
 * - `countTokens`: `POST /v1/messages/count_tokens`; `listModels`: `GET /v1/models`, every page.
 * - The `request-id` header is the `requestId` of the response info.
 * - Aborting `call.signal` closes the upstream socket at once; so does a consumer that stops
 *   reading the stream. Errors: Anthropic's `{type: 'error', error: {type, message}}` with its
 *   status (529 `overloaded_error` retryable); an upstream 401/403 is a 502
 *   `upstream_authentication_failed`; network failures are retryable 502/504.
 *
 * Throws a `TypeError` naming the option when an option is invalid.
 *
 * @example
 * const gateway = createGateway({
 *   providers: [createAnthropic({ apiKey: process.env.ANTHROPIC_API_KEY })],
 *   use: [router()],
 * });
 */
export function createAnthropic(options: AnthropicProviderOptions = {}): AnthropicProvider {
  const config = parseAnthropicOptions(options);
  const name = config.name ?? 'anthropic';
  const baseURL = config.baseURL ?? ANTHROPIC_DEFAULT_BASE_URL;
  const version = config.anthropicVersion ?? ANTHROPIC_DEFAULT_VERSION;
  const { client, close } = resolveHttpClient(config);
  const errorHandler = createAnthropicErrorHandler(name);
  const messagesURL = joinUrl(baseURL, 'v1/messages');
  const countTokensURL = joinUrl(baseURL, 'v1/messages/count_tokens');
  const modelsURL = joinUrl(baseURL, 'v1/models');
  const requestOptions =
    config.defaultMaxTokens === undefined ? {} : { defaultMaxTokens: config.defaultMaxTokens };

  function apiCall(call: Pick<ProviderCall, 'apiKey' | 'headers'> & { signal: AbortSignal }, accept: string) {
    return {
      client,
      headers: anthropicHeaders({
        version,
        configured: config.headers,
        forwarded: call.headers,
        apiKey: call.apiKey ?? config.apiKey,
        accept,
      }),
      signal: call.signal,
      provider: name,
      errorHandler,
      byok: call.apiKey !== undefined,
    };
  }

  const adapter: AnthropicProvider = {
    specificationVersion: 'v1',
    name,
    format: 'anthropic',
    baseURL,

    async generate(call: ProviderCall): Promise<GenerateResult> {
      const { body, warnings } = toAnthropicMessagesRequest(call, requestOptions);
      return generateFromJsonApi(
        { ...apiCall(call, 'application/json'), url: messagesURL, body },
        (value) => fromAnthropicMessage(value, warnings),
        'request-id',
      );
    },

    async stream(call: ProviderCall): Promise<StreamResult> {
      const { body, warnings } = toAnthropicMessagesRequest(call, requestOptions);
      const response = await openApiResponse({
        ...apiCall(call, 'text/event-stream'),
        url: messagesURL,
        body: { ...body, stream: true },
      });
      return upstreamStreamResult(response, {
        provider: name,
        signal: call.signal,
        requestIdHeader: 'request-id',
        decode: (events) => fromAnthropicStream(events, warnings),
      });
    },

    async countTokens(call: ProviderCall): Promise<{ inputTokens: number }> {
      const { body } = toAnthropicCountTokensRequest(call);
      const { value, response } = await callJsonApi({
        ...apiCall(call, 'application/json'),
        url: countTokensURL,
        body,
      });
      const inputTokens = (value as { input_tokens?: unknown } | null)?.input_tokens;
      if (typeof inputTokens !== 'number') {
        const error = new GatewayError('The provider returned an invalid token count.', { status: 502 });
        throw upstreamInvalidResponse(error, { provider: name, response, body: value });
      }
      return { inputTokens };
    },

    close,
  };

  const listModels = config.listModels ?? true;
  if (Array.isArray(listModels)) {
    const models = listModels.map((id): ModelInfo => ({ id, ownedBy: name }));
    adapter.listModels = async () => models.map((model) => ({ ...model }));
  } else if (listModels) {
    adapter.listModels = async ({ signal }) => {
      const models: ModelInfo[] = [];
      let afterId: string | undefined;
      for (let page = 0; page < MAX_MODEL_PAGES; page += 1) {
        const query = new URLSearchParams({
          limit: '1000',
          ...(afterId !== undefined && { after_id: afterId }),
        });
        const { value } = await callJsonApi({
          ...apiCall({ signal }, 'application/json'),
          url: `${modelsURL}?${query}`,
          method: 'GET',
        });
        const result = fromAnthropicModelPage(value, name);
        models.push(...result.models);
        afterId = result.nextAfterId;
        if (afterId === undefined) break;
      }
      return models;
    };
  }
  return adapter;
}
