import { UpstreamCallError } from '@signalbox/core';
import type { HttpResponse } from './http-request.js';
import { mapNetworkError } from './map-network-error.js';

/** The longest stretch of an unreadable body kept on the error, for logs. */
const KEPT_BODY_LENGTH = 4096;

/** Reads a response body as text; a failure while reading goes through {@link mapNetworkError}. */
export async function readResponseText(
  response: HttpResponse,
  context: { provider: string; signal?: AbortSignal },
): Promise<string> {
  try {
    return await response.body.text();
  } catch (error) {
    throw mapNetworkError(error, { ...context, url: response.url });
  }
}

/**
 * Reads and parses a JSON response body. A body that is not JSON becomes a retryable 502
 * `UpstreamCallError` "Invalid JSON from <provider>" (with the start of the body kept on it);
 * a network failure while reading, the error of {@link mapNetworkError}.
 */
export async function readJsonResponse(
  response: HttpResponse,
  context: { provider: string; signal?: AbortSignal },
): Promise<unknown> {
  const text = await readResponseText(response, context);
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new UpstreamCallError(`Invalid JSON from ${context.provider}.`, {
      status: 502,
      type: 'upstream_error',
      code: 'upstream_invalid_response',
      upstreamStatus: response.status,
      isRetryable: true,
      url: response.url,
      provider: context.provider,
      responseBody: text.slice(0, KEPT_BODY_LENGTH),
      responseHeaders: response.headers,
      cause: error,
    });
  }
}
