import {
  fromOpenAIChatResponse,
  fromOpenAIChatStream,
  type GenerateResult,
  type ModelInfo,
  type ProviderAdapter,
  type ProviderCall,
  type StreamResult,
  toOpenAIChatRequest,
} from '@signalbox/core';
import {
  callJsonApi,
  generateFromJsonApi,
  forwardableHeaders,
  joinUrl,
  mergeHeaders,
  openApiResponse,
  resolveHttpClient,
  upstreamStreamResult,
} from '@signalbox/provider-utils';
import { createOpenAIErrorHandler } from './openai-error.js';
import { fromOpenAIModelList } from './openai-list-models.js';
import { type OpenAIProviderOptions, parseOpenAIOptions } from './openai-options.js';

/** The default base URL, with `/v1` as the official SDK has it. */
export const OPENAI_DEFAULT_BASE_URL = 'https://api.openai.com/v1';

/** An OpenAI provider adapter; `close()` frees its sockets when it created its own HTTP client. */
export interface OpenAIProvider extends ProviderAdapter {
  readonly format: 'openai';
  /** The base URL requests go to (`https://api.openai.com/v1`). */
  readonly baseURL: string;
  /** Closes the HTTP client the adapter created for itself (a shared `httpClient` stays open). */
  close(): Promise<void>;
}

/**
 * Creates a provider adapter for the OpenAI Chat Completions API, or any OpenAI-compatible
 * server (Groq, Together, vLLM, Ollama, OpenRouter...) through `baseURL`.
 *
 * - `generate`: `POST {baseURL}/chat/completions` with `Authorization: Bearer <key>` (the call's
 *   own key wins: BYOK), the configured headers, then the headers forwarded from an
 *   OpenAI-format client (`openai-organization`...). The body comes from core's
 *   `toOpenAIChatRequest`, the result from `fromOpenAIChatResponse`; fields the canonical model
 *   does not know pass through when the client spoke OpenAI too.
 * - `stream`: the same with `stream: true`; resolves once the response headers arrived (a failure
 *   before that rejects), then yields the parts of `fromOpenAIChatStream`. A failure mid-stream
 *   is an `error` part.
 * - Aborting `call.signal` closes the upstream socket at once; so does a consumer that stops
 *   reading the stream.
 * - Errors: see `createJsonErrorResponseHandler` (an upstream 401/403 is a 502
 *   `upstream_authentication_failed`), network failures are retryable 502/504.
 *
 * Throws a `TypeError` naming the option when an option is invalid.
 *
 * @example
 * const gateway = createGateway({
 *   providers: [createOpenAI({ apiKey: process.env.OPENAI_API_KEY })],
 *   use: [router()],
 * });
 */
export function createOpenAI(options: OpenAIProviderOptions = {}): OpenAIProvider {
  const config = parseOpenAIOptions(options);
  const name = config.name ?? 'openai';
  const baseURL = config.baseURL ?? OPENAI_DEFAULT_BASE_URL;
  const { client, close } = resolveHttpClient(config);
  const errorHandler = config.errorHandler ?? createOpenAIErrorHandler(name);
  const defaultChatURL = joinUrl(baseURL, 'chat/completions');
  const chatURL = config.chatURL ?? (() => defaultChatURL);
  const authHeaders =
    config.authHeaders ??
    ((apiKey: string | undefined) => (apiKey === undefined ? {} : { authorization: `Bearer ${apiKey}` }));
  const decodeResponse = config.decodeResponse ?? fromOpenAIChatResponse;
  const decodeStream = config.decodeStream ?? fromOpenAIChatStream;
  const requestIdHeader = config.requestIdHeader ?? 'x-request-id';
  const modelsURL = joinUrl(baseURL, 'models');
  const baseHeaders = mergeHeaders(
    {
      ...(config.organization !== undefined && { 'openai-organization': config.organization }),
      ...(config.project !== undefined && { 'openai-project': config.project }),
    },
    config.headers,
  );
  const maxTokensField = config.maxTokensField;

  // The headers of a call on the operator's key with nothing forwarded are the same every time
  // (unless `authHeaders` is the caller's, which may rotate tokens): built once per `accept`.
  const constantHeaders = new Map<string, Record<string, string>>();

  async function headersFor(
    call: Pick<ProviderCall, 'apiKey' | 'headers'>,
    accept: string,
  ): Promise<Record<string, string>> {
    if (config.authHeaders === undefined && call.apiKey === undefined && call.headers === undefined) {
      let headers = constantHeaders.get(accept);
      if (headers === undefined) {
        headers = mergeHeaders(baseHeaders, { accept }, await authHeaders(config.apiKey));
        constantHeaders.set(accept, headers);
      }
      return headers;
    }
    const apiKey = call.apiKey ?? config.apiKey;
    return mergeHeaders(baseHeaders, forwardableHeaders(call.headers), { accept }, await authHeaders(apiKey));
  }

  async function requestFor(call: ProviderCall, stream: boolean) {
    const request = toOpenAIChatRequest(call, {
      stream,
      ...(maxTokensField !== undefined && { maxTokensField }),
    });
    const warnings = request.warnings;
    const body = config.transformRequestBody
      ? config.transformRequestBody(request.body, { call, warnings })
      : request.body;
    return {
      warnings,
      api: {
        client,
        url: chatURL(call.modelId),
        headers: await headersFor(call, stream ? 'text/event-stream' : 'application/json'),
        body,
        signal: call.signal,
        provider: name,
        errorHandler,
        byok: call.apiKey !== undefined,
      },
    };
  }

  const adapter: OpenAIProvider = {
    specificationVersion: 'v1',
    name,
    format: 'openai',
    baseURL,

    async generate(call: ProviderCall): Promise<GenerateResult> {
      const { api, warnings } = await requestFor(call, false);
      return generateFromJsonApi(api, (value) => decodeResponse(value, warnings), requestIdHeader);
    },

    async stream(call: ProviderCall): Promise<StreamResult> {
      const { api, warnings } = await requestFor(call, true);
      const response = await openApiResponse(api);
      return upstreamStreamResult(response, {
        provider: name,
        signal: call.signal,
        requestIdHeader,
        decode: (events) => decodeStream(events, warnings),
      });
    },

    close,
  };

  const listModels = config.listModels ?? true;
  if (Array.isArray(listModels)) {
    const models = listModels.map((id): ModelInfo => ({ id, ownedBy: name }));
    adapter.listModels = async () => models.map((model) => ({ ...model }));
  } else if (listModels) {
    adapter.listModels = async ({ signal }) => {
      const { value } = await callJsonApi({
        client,
        url: modelsURL,
        method: 'GET',
        headers: await headersFor({}, 'application/json'),
        signal,
        provider: name,
        errorHandler,
      });
      return fromOpenAIModelList(value, name);
    };
  }
  return adapter;
}
