import { GatewayError, isRetryableStatus } from '@signalbox/core';
import { createJsonErrorResponseHandler, type ErrorResponseHandler } from '@signalbox/provider-utils';
import { z } from 'zod';

const googleErrorObjectSchema = z.looseObject({
  code: z.number().nullish(),
  message: z.string(),
  status: z.string().nullish(),
  details: z.array(z.unknown()).nullish(),
});

/**
 * Google's error body, `{error: {code, message, status, details}}` (`status` is the gRPC name:
 * `INVALID_ARGUMENT`, `RESOURCE_EXHAUSTED`, `UNAVAILABLE`...). Vertex sometimes wraps it in an
 * array (`[{error: {...}}]`); both are accepted.
 */
export const googleErrorSchema = z.union([
  z.looseObject({ error: googleErrorObjectSchema }),
  z.array(z.looseObject({ error: googleErrorObjectSchema })).min(1),
]);

/** A parsed Google error body. */
export type GoogleErrorBody = z.infer<typeof googleErrorSchema>;

/** The inner error object of a Google error body. */
export type GoogleErrorObject = z.infer<typeof googleErrorObjectSchema>;

/** The `error` object of either body shape. */
export function googleErrorObject(body: GoogleErrorBody): GoogleErrorObject {
  return Array.isArray(body) ? (body[0] as { error: GoogleErrorObject }).error : body.error;
}

function detailsOfType(error: GoogleErrorObject, type: string): Array<Record<string, unknown>> {
  return (error.details ?? []).filter(
    (detail): detail is Record<string, unknown> =>
      typeof detail === 'object' &&
      detail !== null &&
      String((detail as Record<string, unknown>)['@type'] ?? '').endsWith(type),
  );
}

/**
 * Seconds to wait from a `google.rpc.RetryInfo` detail (`"retryDelay": "34.4s"`), if any: Gemini
 * states how long a quota lasts there rather than in a `Retry-After` header.
 */
export function googleRetryDelay(error: GoogleErrorObject): number | undefined {
  for (const detail of detailsOfType(error, 'google.rpc.RetryInfo')) {
    const match = /^(\d+(?:\.\d+)?)s$/.exec(String(detail.retryDelay ?? '').trim());
    if (match) return Number(match[1]);
  }
  return undefined;
}

const keyReasons = new Set(['API_KEY_INVALID', 'API_KEY_EXPIRED']);

/**
 * Whether Google rejected the API key: Gemini answers a bad key with a 400 `INVALID_ARGUMENT`
 * whose `google.rpc.ErrorInfo` reason is `API_KEY_INVALID` ("API key not valid. Please pass a
 * valid API key.").
 */
export function isGoogleKeyRejection(error: GoogleErrorObject): boolean {
  return detailsOfType(error, 'google.rpc.ErrorInfo').some((detail) => keyReasons.has(String(detail.reason)));
}

/**
 * The error-response handler of a Google provider named `provider`: the message of the body,
 * its gRPC `status` as the code (`RESOURCE_EXHAUSTED`), `retryAfter` from a `Retry-After` header
 * or else the body's `RetryInfo.retryDelay`. Retryable: 408, 409, 429 (`RESOURCE_EXHAUSTED`) and
 * 5xx (`UNAVAILABLE`, `INTERNAL`, `DEADLINE_EXCEEDED`); a 400 `INVALID_ARGUMENT` is not. A key
 * Google rejects (401, 403, or Gemini's 400 `API_KEY_INVALID`) is the operator's problem: a
 * non-retryable 502 `upstream_authentication_failed`.
 */
export function createGoogleErrorHandler(provider: string): ErrorResponseHandler {
  return createJsonErrorResponseHandler({
    provider,
    errorSchema: googleErrorSchema,
    errorToMessage: (body) => googleErrorObject(body).message,
    errorToCode: (body) => googleErrorObject(body).status ?? undefined,
    errorToRetryAfter: (body) => googleRetryDelay(googleErrorObject(body)),
    isAuthenticationFailure: (_response, body) =>
      body !== undefined && isGoogleKeyRejection(googleErrorObject(body)),
  });
}

/**
 * A Google error that arrives inside a 200 stream (`data: {"error": {...}}`) as a `GatewayError`:
 * the status from its `code` (502 when it has none), retryable by the usual rule (429 and 5xx).
 */
export function googleStreamError(value: unknown, provider: string): GatewayError | undefined {
  const parsed = googleErrorSchema.safeParse(value);
  if (!parsed.success) return undefined;
  const error = googleErrorObject(parsed.data);
  const code = typeof error.code === 'number' && error.code >= 400 && error.code < 600 ? error.code : 502;
  const retryAfter = googleRetryDelay(error);
  return new GatewayError(`${provider} stream failed: ${error.message}`, {
    status: code,
    ...(code === 502 && { type: 'upstream_error' as const }),
    code: error.status ?? 'upstream_stream_error',
    isRetryable: isRetryableStatus(code),
    ...(retryAfter !== undefined && { retryAfter }),
    provider,
    cause: value,
  });
}
