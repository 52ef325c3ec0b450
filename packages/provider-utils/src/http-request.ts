import type { Dispatcher } from 'undici';
import { normalizeHeaders } from './headers.js';
import type { HttpClient } from './http-client.js';
import { mapNetworkError } from './map-network-error.js';

/** An undici response body: a Node `Readable` with `text()` and `json()`. */
export type ResponseBody = Dispatcher.ResponseData['body'];

/** A provider's response, once its headers arrived. The body is not read yet. */
export interface HttpResponse {
  status: number;
  statusText: string;
  /** Header names lower-case; repeated headers joined with `, `. */
  headers: Record<string, string>;
  body: ResponseBody;
  /** The URL that was requested. */
  url: string;
}

const splitUrls = new Map<string, { origin: string; path: string }>();

/** `https://host/v1/chat?x=1` -> origin and path with its query; memoized (adapters call a few URLs). */
function splitUrl(url: string): { origin: string; path: string } {
  let split = splitUrls.get(url);
  if (!split) {
    const parsed = new URL(url);
    split = { origin: parsed.origin, path: `${parsed.pathname}${parsed.search}` };
    // Bounded: URLs with per-call parts (a model in the path) must not grow it without end.
    if (splitUrls.size >= 256) splitUrls.clear();
    splitUrls.set(url, split);
  }
  return split;
}

/** Options of {@link sendRequest}. */
export interface HttpRequestOptions {
  client: HttpClient;
  url: string;
  method?: 'GET' | 'POST';
  headers?: Record<string, string>;
  body?: string;
  /** Aborting it closes the upstream socket at once, before or after the headers arrived. */
  signal?: AbortSignal;
  /** The provider name, for error messages. */
  provider: string;
}

/**
 * Sends one request with `undici.request` over the client's dispatcher and resolves when the
 * response headers arrive, whatever the status. Network failures reject through
 * {@link mapNetworkError} (a retryable 502 or 504 `UpstreamCallError`, or the abort reason).
 */
export async function sendRequest(options: HttpRequestOptions): Promise<HttpResponse> {
  const { url, provider, signal } = options;
  try {
    // The dispatcher's own `request` with the URL split once per distinct URL: `undici.request`
    // parses the URL (`new URL`) and copies the options on every call, on every model call.
    const { origin, path } = splitUrl(url);
    const response = await options.client.dispatcher.request({
      origin,
      path,
      method: options.method ?? 'GET',
      headers: options.headers ?? {},
      body: options.body ?? null,
      signal: signal ?? null,
    });
    return {
      status: response.statusCode,
      statusText: response.statusText ?? '',
      headers: normalizeHeaders(response.headers),
      body: response.body,
      url,
    };
  } catch (error) {
    throw mapNetworkError(error, { provider, url, ...(signal && { signal }) });
  }
}

/** Options of {@link postJson}: the body is any JSON value. */
export interface PostJsonOptions extends Omit<HttpRequestOptions, 'method' | 'body'> {
  body: unknown;
}

/** POSTs a JSON body (`content-type: application/json`); see {@link sendRequest}. */
export function postJson(options: PostJsonOptions): Promise<HttpResponse> {
  return sendRequest({
    ...options,
    method: 'POST',
    headers: { ...options.headers, 'content-type': 'application/json' },
    body: JSON.stringify(options.body),
  });
}
