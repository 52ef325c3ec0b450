import { GatewayError, type GatewayErrorType } from '@signalbox/core';
import { createJsonErrorResponseHandler, type ErrorResponseHandler } from '@signalbox/provider-utils';
import { z } from 'zod';

/** The error body of Bedrock: `{message}` (or `Message`), sometimes with `__type`. */
export const bedrockErrorSchema = z.looseObject({
  message: z.string().optional(),
  Message: z.string().optional(),
  __type: z.string().optional(),
});

/** A parsed Bedrock error body. */
export type BedrockErrorBody = z.infer<typeof bedrockErrorSchema>;

/**
 * The exception name of an AWS error, from the `x-amzn-errortype` header
 * (`ValidationException:http://internal.amazon.com/...`) or the body's `__type`
 * (`com.amazon.coral.validate#ValidationException`).
 */
export function bedrockErrorType(
  headers: Record<string, string>,
  body?: BedrockErrorBody,
): string | undefined {
  const fromHeader = headers['x-amzn-errortype']?.split(':')[0]?.trim();
  if (fromHeader) return fromHeader;
  const fromBody = body?.__type?.split('#').at(-1)?.trim();
  return fromBody || undefined;
}

/** Exceptions whose code is renamed to what the router understands. */
const codeByException: Record<string, string> = {
  ResourceNotFoundException: 'model_not_found',
  ThrottlingException: 'rate_limit_exceeded',
};

/** Exceptions retryable whatever their status (a model failure another attempt may not hit). */
const retryableExceptions = new Set([
  'ModelErrorException',
  'ModelNotReadyException',
  'ModelTimeoutException',
]);

/**
 * The error-response handler of a Bedrock provider named `provider`, built on provider-utils'
 * JSON handler: Bedrock's message, the exception name as `code` (`ValidationException`;
 * `ResourceNotFoundException` -> `model_not_found`, `ThrottlingException` ->
 * `rate_limit_exceeded`), the upstream status kept (ThrottlingException 429 and
 * ServiceUnavailableException 503 retryable, ValidationException 400 not), `ModelErrorException`
 * (424), `ModelNotReadyException` and `ModelTimeoutException` retryable; a 403
 * (`AccessDeniedException`, `UnrecognizedClientException`, `InvalidSignatureException`...) is a
 * non-retryable 502 `upstream_authentication_failed`, as for every provider.
 */
export function createBedrockErrorHandler(provider: string): ErrorResponseHandler {
  const handlers = new Map<string, ErrorResponseHandler>();
  const handlerFor = (headerType: string | undefined): ErrorResponseHandler => {
    const key = headerType ?? '';
    let handler = handlers.get(key);
    if (handler === undefined) {
      handler = createJsonErrorResponseHandler({
        provider,
        errorSchema: bedrockErrorSchema,
        errorToMessage: (body) => body.message ?? body.Message ?? '',
        errorToCode: (body) => {
          const type = headerType ?? bedrockErrorType({}, body);
          return type === undefined ? undefined : (codeByException[type] ?? type);
        },
        isRetryable: (response, body) => {
          const type = headerType ?? bedrockErrorType({}, body);
          if (type !== undefined && retryableExceptions.has(type)) return true;
          const status = response.status;
          return status === 408 || status === 409 || status === 429 || status >= 500;
        },
      });
      handlers.set(key, handler);
    }
    return handler;
  };
  return (response, context) => handlerFor(bedrockErrorType(response.headers))(response, context);
}

const exceptionStatus: Record<string, { status: number; type?: GatewayErrorType; retryable: boolean }> = {
  throttlingException: { status: 429, retryable: true },
  internalServerException: { status: 500, retryable: true },
  serviceUnavailableException: { status: 503, retryable: true },
  modelStreamErrorException: { status: 502, type: 'upstream_error', retryable: true },
  modelTimeoutException: { status: 504, retryable: true },
  validationException: { status: 400, retryable: false },
};

/**
 * A mid-stream exception event (`:message-type: exception`, `:exception-type:
 * throttlingException`...) as a `GatewayError`: throttling 429, internal 500, unavailable 503,
 * model stream errors 502 (all retryable), validation 400; anything else a retryable 502.
 */
export function bedrockStreamException(
  exceptionType: string,
  payload: unknown,
  provider: string,
): GatewayError {
  const body = typeof payload === 'object' && payload !== null ? (payload as Record<string, unknown>) : {};
  const message =
    (typeof body.message === 'string' && body.message) ||
    (typeof body.Message === 'string' && body.Message) ||
    `${provider} stream failed with ${exceptionType}`;
  const known = exceptionStatus[exceptionType] ?? {
    status: 502,
    type: 'upstream_error' as const,
    retryable: true,
  };
  const name = exceptionType.charAt(0).toUpperCase() + exceptionType.slice(1);
  return new GatewayError(message, {
    status: known.status,
    ...(known.type && { type: known.type }),
    code: codeByException[name] ?? name,
    isRetryable: known.retryable,
    provider,
    cause: payload,
  });
}
