import type { ErrorResponseHandler } from './json-error-response-handler.js';
import type { HttpClient } from './http-client.js';
import { type HttpResponse, postJson, sendRequest } from './http-request.js';
import { readJsonResponse } from './read-json-response.js';

/** Options of {@link openApiResponse} and {@link callJsonApi}. */
export interface ApiCallOptions {
  client: HttpClient;
  url: string;
  /** Default `POST` when there is a body, else `GET`. */
  method?: 'GET' | 'POST';
  headers?: Record<string, string>;
  /** A JSON body (sent with `content-type: application/json`). */
  body?: unknown;
  signal?: AbortSignal;
  provider: string;
  /** Builds the error for a non-2xx response. */
  errorHandler: ErrorResponseHandler;
  /** The call uses the principal's own key (changes the wording of a 401/403). */
  byok?: boolean;
}

/**
 * Sends a request and resolves with the response once its headers arrived and its status is
 * 2xx; any other status rejects with the error `errorHandler` builds (the body is read for it).
 * The body of the resolved response is left unread (a stream, or JSON for `readJsonResponse`).
 */
export async function openApiResponse(options: ApiCallOptions): Promise<HttpResponse> {
  const { client, url, headers, signal, provider } = options;
  const base = { client, url, provider, ...(headers && { headers }), ...(signal && { signal }) };
  const response =
    options.body === undefined && options.method !== 'POST'
      ? await sendRequest({ ...base, method: options.method ?? 'GET' })
      : await postJson({ ...base, body: options.body ?? {} });
  if (response.status >= 200 && response.status < 300) return response;
  throw await options.errorHandler(response, {
    ...(signal && { signal }),
    ...(options.byok !== undefined && { byok: options.byok }),
  });
}

/** Sends a request and reads its JSON answer; see {@link openApiResponse} and `readJsonResponse`. */
export async function callJsonApi(
  options: ApiCallOptions,
): Promise<{ value: unknown; response: HttpResponse }> {
  const response = await openApiResponse(options);
  const value = await readJsonResponse(response, {
    provider: options.provider,
    ...(options.signal && { signal: options.signal }),
  });
  return { value, response };
}
