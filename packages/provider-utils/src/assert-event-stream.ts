import { UpstreamCallError } from '@signalbox/core';
import type { HttpResponse } from './http-request.js';
import { readResponseText } from './read-json-response.js';

function errorMessageIn(text: string): string | undefined {
  try {
    const json: unknown = JSON.parse(text);
    if (typeof json !== 'object' || json === null) return undefined;
    const error = (json as Record<string, unknown>).error;
    if (typeof error === 'string') return error;
    if (typeof error === 'object' && error !== null) {
      const message = (error as Record<string, unknown>).message;
      if (typeof message === 'string') return message;
    }
  } catch {
    return undefined;
  }
  return undefined;
}

/**
 * Checks that a 2xx answer to a streaming request is an event stream. Some OpenAI-compatible
 * servers answer a JSON body instead (an error with a 200, or a complete non-streamed result):
 * that body is read and a retryable 502 `UpstreamCallError` thrown, with the error message the
 * body carried, if any. A response without a content type is accepted.
 */
export async function assertEventStream(
  response: HttpResponse,
  context: { provider: string; signal?: AbortSignal },
): Promise<void> {
  const type = response.headers['content-type'];
  if (type === undefined || type.includes('text/event-stream')) return;
  const text = await readResponseText(response, context);
  const message = errorMessageIn(text);
  throw new UpstreamCallError(
    message === undefined
      ? `${context.provider} answered a streaming request with ${type.split(';')[0]} instead of an event stream.`
      : `${context.provider} stream failed: ${message}`,
    {
      status: 502,
      type: 'upstream_error',
      code: 'upstream_invalid_response',
      upstreamStatus: response.status,
      isRetryable: true,
      url: response.url,
      provider: context.provider,
      responseBody: text.slice(0, 4096),
      responseHeaders: response.headers,
    },
  );
}
