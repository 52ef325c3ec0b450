import type { ResponseInfo, StreamPart } from '@signalbox/core';
import { withoutHopByHop } from './headers.js';
import type { HttpResponse } from './http-request.js';

/** Response headers never passed on to clients or stored, besides the hop-by-hop ones. */
const NOT_PASSED_ON: ReadonlySet<string> = new Set(['set-cookie']);

/**
 * What the response headers say about a provider response: `requestId` from the provider's
 * request id header (`x-request-id` for OpenAI, `request-id` for Anthropic) and the headers,
 * lower-cased, without hop-by-hop headers and cookies.
 */
export function upstreamResponseInfo(response: HttpResponse, requestIdHeader: string): ResponseInfo {
  const headers = withoutHopByHop(response.headers, NOT_PASSED_ON);
  const requestId = headers[requestIdHeader.toLowerCase()];
  return requestId === undefined ? { headers } : { requestId, headers };
}

/**
 * Adds `info` (the request id and headers) to the stream's `response-metadata` parts, where the
 * codec did not set them; other parts pass through untouched.
 */
export async function* withResponseInfo(
  parts: AsyncIterable<StreamPart>,
  info: ResponseInfo,
): AsyncGenerator<StreamPart> {
  for await (const part of parts) {
    yield part.type === 'response-metadata' ? { ...info, ...definedFields(part) } : part;
  }
}

function definedFields<T extends object>(value: T): T {
  const result: Record<string, unknown> = {};
  for (const [key, field] of Object.entries(value)) if (field !== undefined) result[key] = field;
  return result as T;
}
