import type { GenerateResult, ProviderCall, SseEvent, StreamPart, Warning } from '@signalbox/core';
import {
  type ErrorResponseHandler,
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
  /**
   * For OpenAI-compatible variants whose URLs differ (Azure OpenAI's deployments): the chat
   * completions URL of a model; default `{baseURL}/chat/completions`.
   */
  chatURL?: (modelId: string) => string;
  /**
   * The headers that authenticate a call, given its key (the call's own key, else `apiKey`);
   * may be async (an Entra ID token). Default `Authorization: Bearer <key>` when there is a key.
   */
  authHeaders?: (apiKey: string | undefined) => Record<string, string> | Promise<Record<string, string>>;
  /** Builds the error of a non-2xx response; default `createOpenAIErrorHandler(name)`. */
  errorHandler?: ErrorResponseHandler;
  /** Converts a 2xx chat completion body; default core's `fromOpenAIChatResponse`. */
  decodeResponse?: (body: unknown, warnings: Warning[]) => GenerateResult;
  /** Converts the SSE events of a streamed completion; default core's `fromOpenAIChatStream`. */
  decodeStream?: (events: AsyncIterable<SseEvent>, warnings: Warning[]) => AsyncIterable<StreamPart>;
  /** The response header with the provider's request id; default `x-request-id`. */
  requestIdHeader?: string;
  /**
   * Adjusts the wire body for a server that is stricter than OpenAI (Mistral rejects unknown
   * fields): returns the body to send, and may push warnings about what it left out.
   */
  transformRequestBody?: (
    body: Record<string, unknown>,
    context: { call: ProviderCall; warnings: Warning[] },
  ) => Record<string, unknown>;
}

const fn = <T>(name: string) =>
  z.custom<T>((value) => typeof value === 'function', `must be a function (${name})`);

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
    chatURL: fn<NonNullable<OpenAIProviderOptions['chatURL']>>('modelId => URL').optional(),
    authHeaders: fn<NonNullable<OpenAIProviderOptions['authHeaders']>>('apiKey => headers').optional(),
    errorHandler: fn<ErrorResponseHandler>('response => UpstreamCallError').optional(),
    decodeResponse:
      fn<NonNullable<OpenAIProviderOptions['decodeResponse']>>('body => GenerateResult').optional(),
    decodeStream: fn<NonNullable<OpenAIProviderOptions['decodeStream']>>('events => parts').optional(),
    requestIdHeader: z.string().min(1).optional(),
    transformRequestBody:
      fn<NonNullable<OpenAIProviderOptions['transformRequestBody']>>('body => body').optional(),
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
