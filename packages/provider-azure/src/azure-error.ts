import { createJsonErrorResponseHandler, type ErrorResponseHandler } from '@signalbox/provider-utils';
import { z } from 'zod';

const filterResultSchema = z.looseObject({
  filtered: z.boolean().optional(),
  severity: z.string().optional(),
  detected: z.boolean().optional(),
});

/**
 * The error body of Azure OpenAI: OpenAI's `{error: {message, type, param, code}}`, where `code`
 * may be a number as a string (`"429"`) and a content-filter refusal carries
 * `innererror.content_filter_result` (category -> `{filtered, severity | detected}`).
 */
export const azureErrorSchema = z.union([
  z.looseObject({
    error: z.looseObject({
      message: z.string(),
      type: z.string().nullish(),
      param: z.string().nullish(),
      code: z.union([z.string(), z.number()]).nullish(),
      innererror: z
        .looseObject({
          code: z.string().nullish(),
          content_filter_result: z.record(z.string(), filterResultSchema).nullish(),
          content_filter_results: z.record(z.string(), filterResultSchema).nullish(),
        })
        .nullish(),
    }),
  }),
  z.looseObject({ error: z.string() }),
]);

/** A parsed Azure OpenAI error body. */
export type AzureErrorBody = z.infer<typeof azureErrorSchema>;

/**
 * The categories a content-filter result blocked, for messages:
 * `violence (medium), jailbreak (detected)`. Empty when nothing is marked filtered.
 */
export function filteredCategories(results: Record<string, unknown> | null | undefined): string {
  const blocked: string[] = [];
  for (const [category, value] of Object.entries(results ?? {})) {
    const result = filterResultSchema.safeParse(value);
    if (!result.success || result.data.filtered !== true) continue;
    const detail = result.data.severity ?? (result.data.detected ? 'detected' : undefined);
    blocked.push(detail === undefined ? category : `${category} (${detail})`);
  }
  return blocked.join(', ');
}

function messageOf(body: AzureErrorBody): string {
  if (typeof body.error === 'string') return body.error;
  const inner = body.error.innererror;
  const categories = filteredCategories(inner?.content_filter_result ?? inner?.content_filter_results);
  return categories === ''
    ? body.error.message
    : `${body.error.message} (filtered categories: ${categories})`;
}

function codeOf(body: AzureErrorBody): string | undefined {
  if (typeof body.error === 'string' || body.error.code == null) return undefined;
  const code = String(body.error.code);
  // Azure repeats the HTTP status as the code (`"429"`): no information beyond the status.
  return /^\d+$/.test(code) ? undefined : code;
}

/**
 * The error-response handler of an Azure OpenAI provider named `provider`: OpenAI's mapping
 * (statuses kept, 429 with `retryAfter`, 5xx retryable, a 401/403 is a 502
 * `upstream_authentication_failed`), and Azure's content filter: a 400 with code
 * `content_filter` stays a non-retryable 400 with code `content_filter`, its message naming the
 * filtered categories (`... (filtered categories: violence (medium))`), so the client learns why
 * and the router does not try elsewhere. `DeploymentNotFound` keeps its 404 and code.
 */
export function createAzureErrorHandler(provider: string): ErrorResponseHandler {
  return createJsonErrorResponseHandler({
    provider,
    errorSchema: azureErrorSchema,
    errorToMessage: messageOf,
    errorToCode: codeOf,
    errorToParam: (body) => (typeof body.error === 'string' ? undefined : (body.error.param ?? undefined)),
  });
}
