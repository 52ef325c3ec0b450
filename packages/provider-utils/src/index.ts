/**
 * Shared plumbing for Signalbox provider adapters: an undici HTTP client with keep-alive, JSON
 * and SSE response reading, provider error bodies and network failures mapped to
 * `UpstreamCallError`s the router can act on, and header helpers.
 *
 * @module
 */
export {
  createHttpClient,
  HTTP_CLIENT_DEFAULTS,
  resolveHttpClient,
  type HttpClient,
  type HttpClientOptions,
  type ProviderTimeouts,
} from './http-client.js';
export {
  postJson,
  sendRequest,
  type HttpRequestOptions,
  type HttpResponse,
  type PostJsonOptions,
  type ResponseBody,
} from './http-request.js';
export { callJsonApi, openApiResponse, type ApiCallOptions } from './call-api.js';
export { generateFromJsonApi } from './generate-json.js';
export {
  createJsonErrorResponseHandler,
  type ErrorResponseContext,
  type ErrorResponseHandler,
  type JsonErrorResponseHandlerOptions,
} from './json-error-response-handler.js';
export { mapNetworkError, type NetworkErrorContext } from './map-network-error.js';
export { readJsonResponse, readResponseText } from './read-json-response.js';
export { sseEventsFrom, type SseEventsOptions } from './sse-events-from.js';
export { releaseBody } from './release-body.js';
export { guardUpstreamStream, type GuardUpstreamStreamOptions } from './guard-upstream-stream.js';
export { assertEventStream } from './assert-event-stream.js';
export { upstreamResponseInfo, withResponseInfo } from './upstream-response-info.js';
export { upstreamStreamResult, type UpstreamStreamResultOptions } from './upstream-stream-result.js';
export { upstreamInvalidResponse } from './upstream-invalid-response.js';
export { parseOptions, providerOptionSchemas } from './parse-options.js';
export { joinUrl } from './join-url.js';
export {
  forwardableHeaders,
  HOP_BY_HOP_HEADERS,
  mergeHeaders,
  normalizeHeaders,
  removeHopByHopHeaders,
  withoutHopByHop,
  type RawHeaders,
} from './headers.js';
