import { GatewayError, type GenerateResult, type ProviderCall, type StreamResult } from '@signalbox/core';
import {
  type ApiCallOptions,
  callJsonApi,
  generateFromJsonApi,
  type ErrorResponseHandler,
  forwardableHeaders,
  type HttpClient,
  mergeHeaders,
  openApiResponse,
  upstreamInvalidResponse,
  upstreamStreamResult,
} from '@signalbox/provider-utils';
import { fromGoogleResponse } from './from-google-response.js';
import { geminiModelPath } from './google-model-path.js';
import { fromGoogleStream, isGoogleFinalEvent } from './from-google-stream.js';
import { toGoogleRequest } from './to-google-request.js';

/** The methods of a Gemini model resource. */
export type GoogleMethod = 'generateContent' | 'streamGenerateContent' | 'countTokens';

/** The response header a Google front end may put a request id in. */
export const GOOGLE_REQUEST_ID_HEADER = 'x-request-id';

/** What differs between the Gemini API and Vertex AI. */
export interface GoogleAdapterConfig {
  /** The provider name. */
  name: string;
  client: HttpClient;
  errorHandler: ErrorResponseHandler;
  /** The URL of a method of a model (`.../models/gemini-2.5-flash:generateContent`). */
  methodURL: (modelId: string, method: GoogleMethod) => string;
  /** The credential headers of a call (the API key, or a fresh OAuth bearer); may reject. */
  authHeaders: (call: Pick<ProviderCall, 'apiKey' | 'signal'>) => Promise<Record<string, string>>;
  /** Headers from the options, on every request. */
  headers?: Record<string, string>;
  /** Vertex AI's variant of the body (no function call ids, labels). */
  vertex: boolean;
  /** Where Gemini file ids live (`files/abc`); undefined on Vertex. */
  filesBaseURL?: string;
}

/** `generate`, `stream` and `countTokens` over the `generateContent` wire format. */
export interface GoogleCalls {
  generate(call: ProviderCall): Promise<GenerateResult>;
  stream(call: ProviderCall): Promise<StreamResult>;
  countTokens(call: ProviderCall): Promise<{ inputTokens: number }>;
}

/**
 * The calls both Google adapters make: the canonical request translated by `toGoogleRequest`,
 * sent with undici to `generateContent` (JSON, read by `fromGoogleResponse`) or
 * `streamGenerateContent?alt=sse` (read by `fromGoogleStream`; a chunk with a finish reason is
 * the last event, so a stream stopped there leaves its socket reusable), with the credential
 * headers, the configured headers and those forwarded from the client. Non-2xx answers go
 * through the Google error handler; network failures are retryable 502/504s.
 */
export function createGoogleCalls(config: GoogleAdapterConfig): GoogleCalls {
  const { name } = config;

  async function apiFor(call: ProviderCall, method: GoogleMethod, body: unknown): Promise<ApiCallOptions> {
    const auth = await config.authHeaders(call);
    const accept = method === 'streamGenerateContent' ? 'text/event-stream' : 'application/json';
    const url = config.methodURL(call.modelId, method);
    return {
      client: config.client,
      url: method === 'streamGenerateContent' ? `${url}?alt=sse` : url,
      headers: mergeHeaders(config.headers, forwardableHeaders(call.headers), { accept, ...auth }),
      body,
      signal: call.signal,
      provider: name,
      errorHandler: config.errorHandler,
      byok: call.apiKey !== undefined,
    };
  }

  function translate(call: ProviderCall) {
    return toGoogleRequest(call, {
      provider: name,
      vertex: config.vertex,
      ...(config.filesBaseURL !== undefined && { filesBaseURL: config.filesBaseURL }),
    });
  }

  return {
    async generate(call) {
      const { body, warnings } = translate(call);
      return generateFromJsonApi(
        await apiFor(call, 'generateContent', body),
        (value) => fromGoogleResponse(value, { warnings, provider: name, modelId: call.modelId }),
        GOOGLE_REQUEST_ID_HEADER,
      );
    },

    async stream(call) {
      const { body, warnings } = translate(call);
      const response = await openApiResponse(await apiFor(call, 'streamGenerateContent', body));
      return upstreamStreamResult(response, {
        provider: name,
        signal: call.signal,
        requestIdHeader: GOOGLE_REQUEST_ID_HEADER,
        isFinalEvent: isGoogleFinalEvent,
        decode: (events) => fromGoogleStream(events, { warnings, provider: name, modelId: call.modelId }),
      });
    },

    async countTokens(call) {
      const { body } = translate(call);
      // The Gemini API counts a whole request wrapped in `generateContentRequest`; Vertex takes it bare.
      const request = config.vertex
        ? body
        : { generateContentRequest: { model: geminiModelPath(call.modelId), ...body } };
      const { value, response } = await callJsonApi(await apiFor(call, 'countTokens', request));
      const total = (value as { totalTokens?: unknown } | null)?.totalTokens;
      if (typeof total !== 'number') {
        const error = new GatewayError(`${name} returned no totalTokens.`, {
          status: 502,
          type: 'upstream_error',
        });
        throw upstreamInvalidResponse(error, { provider: name, response, body: value });
      }
      return { inputTokens: total };
    },
  };
}
