import type { ChatRequest, WireFormat } from './chat-request.js';
import type { GenerateResult } from './generate-result.js';
import type { ModelInfo } from './model-info.js';
import type { ResponseInfo } from './response-info.js';
import type { StreamPart } from './stream-part.js';

/** Which key an attempt used: the operator's, or the principal's own (bring your own key). */
export type CredentialType = 'system' | 'byok';

/** One call to a provider: a canonical request for one of the provider's models. */
export interface ProviderCall {
  /** The provider's own model id (`gpt-4o-mini`, `claude-haiku-4-5-20251001`). */
  modelId: string;
  request: ChatRequest;
  /** Aborted when the client disconnects or a timeout fires; adapters pass it to their HTTP call. */
  signal: AbortSignal;
  /** A key to use instead of the adapter's configured one (BYOK). */
  apiKey?: string;
  /** Extra request headers for this call. */
  headers?: Record<string, string>;
}

/** What `stream()` resolves to once the provider has accepted the request (HTTP headers read). */
export interface StreamResult {
  stream: AsyncIterable<StreamPart>;
  response?: ResponseInfo;
}

/**
 * The interface a model provider implements. Adapters translate and transport; they never retry
 * (the router does) and report failures as `GatewayError`s: `generate()` and `stream()` reject
 * with one for failures before any output, and a stream yields an `error` part for later ones.
 *
 * Run `runAdapterConformance` from `@signalbox/testing` against an implementation to check it.
 */
export interface ProviderAdapter {
  readonly specificationVersion: 'v1';
  /** The provider id, unique in a gateway (`openai`, `anthropic`, `groq`...). */
  readonly name: string;
  /**
   * The wire format the provider speaks, if it is one of the client formats. When it equals the
   * client's format, request fields and headers the canonical model does not know pass through.
   */
  readonly format?: WireFormat;
  /**
   * Runs one call and resolves with the whole result. Rejects with a `GatewayError` (usually an
   * `UpstreamCallError`) when the provider fails.
   */
  generate(call: ProviderCall): Promise<GenerateResult>;
  /**
   * Starts one streamed call and resolves once the provider accepted it (headers read), with its
   * parts as an async iterable. Failures before that reject; later ones are an `error` part.
   */
  stream(call: ProviderCall): Promise<StreamResult>;
  /** Models to list in `GET /v1/models`, with ids *without* the provider prefix. */
  listModels?(options: { signal: AbortSignal }): Promise<ModelInfo[]>;
  /** Exact input-token count, where the provider has an endpoint for it. */
  countTokens?(call: ProviderCall): Promise<{ inputTokens: number }>;
}
