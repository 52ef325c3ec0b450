import { createJsonErrorResponseHandler, type ErrorResponseHandler } from '@signalbox/provider-utils';
import { z } from 'zod';

/** Anthropic's error body: `{type: 'error', error: {type, message}, request_id?}`. */
export const anthropicErrorSchema = z.looseObject({
  type: z.literal('error'),
  error: z.looseObject({ type: z.string(), message: z.string() }),
});

/** A parsed Anthropic error body. */
export type AnthropicErrorResponse = z.infer<typeof anthropicErrorSchema>;

/**
 * The error-response handler of an Anthropic provider named `provider`: the message is
 * `error.message`, the code `error.type` (`overloaded_error`, `rate_limit_error`...). Retryable:
 * 408, 409, 429, 5xx (529 `overloaded_error` included), and an `overloaded_error` whatever its
 * status.
 */
export function createAnthropicErrorHandler(provider: string): ErrorResponseHandler {
  return createJsonErrorResponseHandler({
    provider,
    errorSchema: anthropicErrorSchema,
    errorToMessage: (body) => body.error.message,
    errorToCode: (body) => body.error.type,
    isRetryable: (response, body) =>
      body?.error.type === 'overloaded_error' ||
      [408, 409, 429].includes(response.status) ||
      response.status >= 500,
  });
}
