import { createJsonErrorResponseHandler, type ErrorResponseHandler } from '@signalbox/provider-utils';
import { z } from 'zod';

/**
 * The error body of OpenAI and OpenAI-compatible servers: `{error: {message, type, param, code}}`.
 * Compatible servers vary (a numeric `code`, a bare string `error`), so everything but the message
 * is optional.
 */
export const openaiErrorSchema = z.union([
  z.looseObject({
    error: z.looseObject({
      message: z.string(),
      type: z.string().nullish(),
      param: z.string().nullish(),
      code: z.union([z.string(), z.number()]).nullish(),
    }),
  }),
  z.looseObject({ error: z.string() }),
]);

/** A parsed OpenAI error body. */
export type OpenAIErrorBody = z.infer<typeof openaiErrorSchema>;

/** The error-response handler of an OpenAI-format provider named `provider`. */
export function createOpenAIErrorHandler(provider: string): ErrorResponseHandler {
  return createJsonErrorResponseHandler({
    provider,
    errorSchema: openaiErrorSchema,
    errorToMessage: (body) => (typeof body.error === 'string' ? body.error : body.error.message),
    errorToCode: (body) =>
      typeof body.error === 'string' || body.error.code == null ? undefined : String(body.error.code),
    errorToParam: (body) => (typeof body.error === 'string' ? undefined : (body.error.param ?? undefined)),
  });
}
