import { GatewayError, UpstreamCallError } from '@signalbox/core';
import type { HttpResponse } from './http-request.js';

/** The longest stretch of a body kept on the error, for logs. */
const KEPT_BODY_LENGTH = 4096;

/**
 * Attributes a codec's failure to read a provider's 2xx body (`fromOpenAIChatResponse` and the
 * like throw a bare 502 `GatewayError`) to the provider: a retryable 502 `UpstreamCallError`
 * with code `upstream_invalid_response`, the provider name, the upstream status and the start of
 * the body. Any other error (already an `UpstreamCallError`, or not a `GatewayError`) is returned
 * unchanged.
 */
export function upstreamInvalidResponse(
  error: unknown,
  context: { provider: string; response: HttpResponse; body: unknown },
): unknown {
  if (!GatewayError.isInstance(error) || UpstreamCallError.isInstance(error)) return error;
  const { provider, response } = context;
  let text: string | undefined;
  try {
    text = JSON.stringify(context.body)?.slice(0, KEPT_BODY_LENGTH);
  } catch {
    text = undefined;
  }
  return new UpstreamCallError(`${provider}: ${error.message}`, {
    status: 502,
    type: 'upstream_error',
    code: 'upstream_invalid_response',
    upstreamStatus: response.status,
    isRetryable: true,
    url: response.url,
    provider,
    ...(text !== undefined && { responseBody: text }),
    responseHeaders: response.headers,
    cause: error,
  });
}
