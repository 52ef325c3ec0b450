import { createJsonErrorResponseHandler, type ErrorResponseHandler } from '@signalbox/provider-utils';
import { z } from 'zod';

/**
 * Cohere's error body: `{message}` for every status (`{"message":"invalid api token"}`), with an
 * `id` on some of them. Unknown fields are kept.
 */
export const cohereErrorSchema = z.looseObject({
  id: z.string().optional(),
  message: z.string(),
});

/** A parsed Cohere error body. */
export type CohereErrorBody = z.infer<typeof cohereErrorSchema>;

/**
 * The error-response handler of a Cohere provider named `provider`: the status is kept (400,
 * 404, 422, 429, 5xx...) with Cohere's message and `retryAfter` from the `Retry-After` header;
 * an upstream 401/403 (the gateway's Cohere key is wrong) becomes a 502
 * `upstream_authentication_failed`, so clients can tell it from a wrong gateway key. Retryable:
 * 408, 409, 429 and 5xx.
 */
export function createCohereErrorHandler(provider: string): ErrorResponseHandler {
  return createJsonErrorResponseHandler({
    provider,
    errorSchema: cohereErrorSchema,
    errorToMessage: (body) => body.message,
  });
}
