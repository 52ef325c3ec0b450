import type { GenerateResult, ModelInfo, ProviderAdapter, ProviderCall, StreamResult } from '@signalbox/core';
import {
  callJsonApi,
  forwardableHeaders,
  joinUrl,
  mergeHeaders,
  openApiResponse,
  resolveHttpClient,
  upstreamInvalidResponse,
  upstreamResponseInfo,
} from '@signalbox/provider-utils';
import { createCohereErrorHandler } from './cohere-error.js';
import { fromCohereModelList } from './cohere-list-models.js';
import { type CohereProviderOptions, parseCohereOptions } from './cohere-options.js';
import { COHERE_REQUEST_ID_HEADER, cohereStreamResult } from './cohere-stream-result.js';
import { fromCohereResponse } from './from-cohere-response.js';
import { toCohereRequest } from './to-cohere-request.js';

/** The default base URL, without `/v2` (as the official SDK has it). */
export const COHERE_DEFAULT_BASE_URL = 'https://api.cohere.com';

/** A Cohere provider adapter; `close()` frees its sockets when it created its own HTTP client. */
export interface CohereProvider extends ProviderAdapter {
  /** The base URL requests go to (`https://api.cohere.com`). */
  readonly baseURL: string;
  close(): Promise<void>;
}

/**
 * Creates a provider adapter for Cohere's v2 Chat API. Cohere is not one of the client formats,
 * so the adapter has no `format`: every request is translated (`toCohereRequest`) and every
 * answer mapped back (`fromCohereResponse`, `fromCohereStream`).
 *
 * - `generate`: `POST {baseURL}/v2/chat` with `Authorization: Bearer <key>` (a call's own key
 *   wins: bring your own key); the result carries the translation's `warnings`.
 * - `stream`: the same with `stream: true`; resolves once the response headers arrived (a failure
 *   before that rejects), then yields canonical parts; a failure mid-stream is an `error` part.
 * - Aborting `call.signal` closes the upstream socket at once; so does a consumer that stops
 *   reading the stream.
 * - Errors are `UpstreamCallError`s with the upstream status (400, 404, 422, 429, 5xx),
 *   `isRetryable` and `retryAfter`; a rejected Cohere key is a 502 `upstream_authentication_failed`;
 *   network failures are retryable 502/504. The adapter never retries: the router does.
 *
 * Throws a `TypeError` naming the option when an option is invalid.
 *
 * @example
 * const gateway = createGateway({ providers: [createCohere({ apiKey: process.env.COHERE_API_KEY ?? '' })] });
 * // clients then ask for `cohere/command-a-03-2025`
 */
export function createCohere(options: CohereProviderOptions): CohereProvider {
  const config = parseCohereOptions(options);
  const name = config.name ?? 'cohere';
  const baseURL = config.baseURL ?? COHERE_DEFAULT_BASE_URL;
  const { client, close } = resolveHttpClient(config);
  const errorHandler = createCohereErrorHandler(name);
  const chatURL = joinUrl(baseURL, 'v2/chat');

  function headersFor(
    call: Pick<ProviderCall, 'apiKey' | 'headers'>,
    accept: string,
  ): Record<string, string> {
    return mergeHeaders(config.headers, forwardableHeaders(call.headers), {
      accept,
      authorization: `Bearer ${call.apiKey ?? config.apiKey}`,
    });
  }

  function requestFor(call: ProviderCall, stream: boolean) {
    const { body, warnings } = toCohereRequest(call, { stream, provider: name });
    return {
      warnings,
      api: {
        client,
        url: chatURL,
        headers: headersFor(call, stream ? 'text/event-stream' : 'application/json'),
        body,
        signal: call.signal,
        provider: name,
        errorHandler,
        byok: call.apiKey !== undefined,
      },
    };
  }

  const adapter: CohereProvider = {
    specificationVersion: 'v1',
    name,
    baseURL,

    async generate(call: ProviderCall): Promise<GenerateResult> {
      const { api, warnings } = requestFor(call, false);
      const { value, response } = await callJsonApi(api);
      let result: GenerateResult;
      try {
        result = fromCohereResponse(value, { warnings, modelId: call.modelId, provider: name });
      } catch (error) {
        throw upstreamInvalidResponse(error, { provider: name, response, body: value });
      }
      result.response = { ...upstreamResponseInfo(response, COHERE_REQUEST_ID_HEADER), ...result.response };
      return result;
    },

    async stream(call: ProviderCall): Promise<StreamResult> {
      const { api, warnings } = requestFor(call, true);
      const response = await openApiResponse(api);
      return cohereStreamResult(response, {
        provider: name,
        signal: call.signal,
        warnings,
        modelId: call.modelId,
      });
    },

    close,
  };

  const listModels = config.listModels ?? false;
  if (Array.isArray(listModels)) {
    const models = listModels.map((id): ModelInfo => ({ id, ownedBy: name }));
    adapter.listModels = async () => models.map((model) => ({ ...model }));
  } else if (listModels) {
    const modelsURL = `${joinUrl(baseURL, 'v1/models')}?endpoint=chat&page_size=1000`;
    adapter.listModels = async ({ signal }) => {
      const { value } = await callJsonApi({
        client,
        url: modelsURL,
        method: 'GET',
        headers: headersFor({}, 'application/json'),
        signal,
        provider: name,
        errorHandler,
      });
      return fromCohereModelList(value, name);
    };
  }
  return adapter;
}
