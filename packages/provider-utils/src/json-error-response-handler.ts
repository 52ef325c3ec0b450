import { STATUS_CODES } from 'node:http';
import { parseRetryAfter, UpstreamCallError } from '@signalbox/core';
import type { z } from 'zod';
import type { HttpResponse } from './http-request.js';
import { readResponseText } from './read-json-response.js';

/** Options of {@link createJsonErrorResponseHandler}. */
export interface JsonErrorResponseHandlerOptions<T> {
  /** The provider name, for messages. */
  provider: string;
  /** The provider's error body. */
  errorSchema: z.ZodType<T>;
  /** The human message in a parsed error body. */
  errorToMessage: (error: T) => string;
  /** A machine-readable code in the body (OpenAI `error.code`, Anthropic `error.type`). */
  errorToCode?: (error: T) => string | undefined;
  /** The request field at fault (OpenAI `error.param`). */
  errorToParam?: (error: T) => string | undefined;
  /** Overrides the default retry rule (408, 409, 429 and 5xx, Anthropic's 529 included). */
  isRetryable?: (response: HttpResponse, error: T | undefined) => boolean;
  /**
   * Seconds to wait that the body states (Google's `RetryInfo.retryDelay`), used when the
   * response has no `retry-after-ms` / `retry-after` header (a header wins).
   */
  errorToRetryAfter?: (error: T) => number | undefined;
  /**
   * Whether a response other than 401/403 also means the provider rejected the gateway's
   * credentials (Gemini answers a bad API key with a 400 `API_KEY_INVALID`); it is then reported
   * like a 401: a 502 `upstream_authentication_failed`.
   */
  isAuthenticationFailure?: (response: HttpResponse, error: T | undefined) => boolean;
}

/** What the handler knows about the call that failed. */
export interface ErrorResponseContext {
  signal?: AbortSignal;
  /** The call used the principal's own key (BYOK), not the gateway's. */
  byok?: boolean;
}

/** Turns a non-2xx response into the error to throw. Reads (and so releases) the body. */
export type ErrorResponseHandler = (
  response: HttpResponse,
  context?: ErrorResponseContext,
) => Promise<UpstreamCallError>;

/** The longest body kept on the error, for logs. */
const KEPT_BODY_LENGTH = 8192;

function credentialsMessage(provider: string, status: number, byok: boolean): string {
  return byok
    ? `The ${provider} API key supplied for this request (bring your own key) was rejected by ${provider} (HTTP ${status}).`
    : `The gateway's ${provider} credentials were rejected by ${provider} (HTTP ${status}); the gateway operator must check its ${provider} API key.`;
}

/**
 * Creates the handler an adapter calls for every non-2xx response. It parses the provider's
 * error body with `errorSchema` and returns an `UpstreamCallError` with the upstream status, the
 * provider's message (the status text when the body is not the expected JSON), `retryAfter` from
 * `retry-after-ms` / `retry-after`, the raw body and headers.
 *
 * An upstream 401 or 403 means the gateway's provider key is wrong, which is the operator's
 * problem, not the client's: it becomes a non-retryable 502 `upstream_error` with code
 * `upstream_authentication_failed` (the provider's message, which may quote part of the key,
 * stays in `responseBody`), so a client can tell it from a wrong gateway key (its own 401).
 * Every other status (400, 404, 413, 422, 429, 5xx, 529...) is kept, with the provider's message.
 *
 * @example
 * const handler = createJsonErrorResponseHandler({
 *   provider: 'openai',
 *   errorSchema: z.looseObject({ error: z.looseObject({ message: z.string() }) }),
 *   errorToMessage: (body) => body.error.message,
 * });
 * if (response.status >= 400) throw await handler(response, { signal });
 */
export function createJsonErrorResponseHandler<T>(
  options: JsonErrorResponseHandlerOptions<T>,
): ErrorResponseHandler {
  const { provider, errorSchema } = options;
  return async function handleErrorResponse(response, context = {}) {
    const status = response.status;
    let text = '';
    try {
      text = await readResponseText(response, {
        provider,
        ...(context.signal && { signal: context.signal }),
      });
    } catch (error) {
      if (context.signal?.aborted) throw error;
    }
    let parsed: T | undefined;
    try {
      const result = errorSchema.safeParse(JSON.parse(text));
      if (result.success) parsed = result.data;
    } catch {
      parsed = undefined;
    }
    const statusText = response.statusText || STATUS_CODES[status] || 'Error';
    const providerMessage =
      (parsed === undefined ? undefined : options.errorToMessage(parsed)) ||
      `${provider} returned HTTP ${status} ${statusText}`;
    const retryAfter =
      parseRetryAfter(response.headers) ??
      (parsed === undefined ? undefined : options.errorToRetryAfter?.(parsed));
    const isRetryable = options.isRetryable?.(response, parsed);
    const common = {
      upstreamStatus: status,
      url: response.url,
      provider,
      responseBody: text.slice(0, KEPT_BODY_LENGTH),
      responseHeaders: response.headers,
      ...(retryAfter !== undefined && {
        retryAfter,
        headers: { 'retry-after': String(Math.ceil(retryAfter)) },
      }),
    };
    if (status === 401 || status === 403 || options.isAuthenticationFailure?.(response, parsed) === true) {
      return new UpstreamCallError(credentialsMessage(provider, status, context.byok === true), {
        ...common,
        status: 502,
        type: 'upstream_error',
        code: 'upstream_authentication_failed',
        isRetryable: isRetryable ?? false,
      });
    }
    const code = parsed === undefined ? undefined : options.errorToCode?.(parsed);
    const param = parsed === undefined ? undefined : options.errorToParam?.(parsed);
    return new UpstreamCallError(providerMessage, {
      ...common,
      // A redirect or other non-error status where a result was expected: the provider's fault.
      ...(status < 400 && { status: 502, type: 'upstream_error' as const }),
      ...(code !== undefined && { code }),
      ...(param !== undefined && { param }),
      ...(isRetryable !== undefined && { isRetryable }),
    });
  };
}
