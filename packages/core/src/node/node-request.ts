import type { IncomingMessage, ServerResponse } from 'node:http';
import type { GatewayHttpRequest } from '../gateway/http.js';
import type { Principal } from '../gateway/principal.js';

/** Flattens Node's headers to lower-case single strings (repeated headers joined with ", "). */
export function flattenHeaders(headers: IncomingMessage['headers']): Record<string, string | undefined> {
  const out: Record<string, string | undefined> = {};
  for (const name in headers) {
    const value = headers[name];
    out[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return out;
}

/** An AbortSignal that fires when the client goes away before the response is complete. */
export function clientAbortSignal(response: ServerResponse): AbortSignal {
  const controller = new AbortController();
  response.once('close', () => {
    if (!response.writableFinished)
      controller.abort(new DOMException('The client disconnected', 'AbortError'));
  });
  return controller.signal;
}

/**
 * What a Node binding read from the framework's request, for {@link toGatewayRequest}: method, path
 * and query, headers, the body, the abort signal, the native request and an optional principal.
 */
export interface NodeRequestParts {
  method: string;
  path: string;
  search: string;
  headers: IncomingMessage['headers'];
  body: GatewayHttpRequest['body'];
  signal: AbortSignal;
  native: unknown;
  principal?: Principal;
}

/** Builds the gateway's request from what a Node binding read. */
export function toGatewayRequest(parts: NodeRequestParts): GatewayHttpRequest {
  return {
    method: parts.method,
    path: parts.path,
    query: new URLSearchParams(parts.search),
    headers: flattenHeaders(parts.headers),
    body: parts.body,
    signal: parts.signal,
    native: parts.native,
    principal: parts.principal, // always present (maybe undefined): one object shape for every request
  };
}
