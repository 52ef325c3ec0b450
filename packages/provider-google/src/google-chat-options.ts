import { type ChatRequest, GatewayError } from '@signalbox/core';
import { z } from 'zod';
import { googleOptionKeys } from './google-part-options.js';

const record = z.record(z.string(), z.unknown());

/**
 * Gemini-only request fields a client may set per request, in Gemini's wire spelling, under
 * `providerOptions.google` (or `providerOptions.vertex`, or the provider's own name): in an
 * in-process `ChatRequest`, or as a top-level `providerOptions` field of an OpenAI- or
 * Anthropic-format body, as the Vercel AI Gateway accepts it. Known fields are checked; unknown
 * ones are sent to Gemini as top-level body fields, as they are.
 *
 * - `safetySettings`, `cachedContent`, `labels` (Vertex): sent as they are;
 * - `thinkingConfig`: replaces the one mapped from the request's `reasoning`;
 * - `generationConfig`: merged over the mapped one (its fields win: `responseModalities`,
 *   `mediaResolution`, `responseJsonSchema`...);
 * - `toolConfig`: merged over the mapped one; `tools`: built-in tools (`googleSearch`,
 *   `codeExecution`, `urlContext`...) added after the function declarations.
 */
export const googleChatOptionsSchema = z.looseObject({
  safetySettings: z.array(z.looseObject({ category: z.string(), threshold: z.string() })).optional(),
  cachedContent: z.string().min(1).optional(),
  labels: z.record(z.string(), z.string()).optional(),
  thinkingConfig: z
    .strictObject({
      thinkingBudget: z.int().min(-1).optional(),
      thinkingLevel: z.enum(['minimal', 'low', 'medium', 'high']).optional(),
      includeThoughts: z.boolean().optional(),
    })
    .optional(),
  generationConfig: record.optional(),
  toolConfig: record.optional(),
  tools: z.array(record).optional(),
});

/** Gemini-only request fields, as a client set them. */
export type GoogleChatOptions = z.infer<typeof googleChatOptionsSchema>;

/** Fields the adapter owns: setting them through provider options is a client error. */
const reservedFields = ['contents', 'systemInstruction', 'model'];

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function invalid(message: string, param: string): GatewayError {
  return new GatewayError(message, {
    status: 400,
    type: 'invalid_request_error',
    code: 'invalid_value',
    param,
  });
}

function parseOne(value: unknown, param: string): GoogleChatOptions {
  if (!isRecord(value)) throw invalid(`'${param}' must be an object.`, param);
  for (const field of reservedFields) {
    if (field in value)
      throw invalid(`'${param}.${field}' cannot be set in provider options.`, `${param}.${field}`);
  }
  const parsed = googleChatOptionsSchema.safeParse(value);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const at = [param, ...(issue?.path.map(String) ?? [])].join('.');
  throw invalid(`Invalid '${at}': ${issue?.message ?? 'invalid value'}.`, at);
}

/**
 * The Gemini-only fields of a request for the provider named `provider`: from the body's
 * `providerOptions` (`source.extraFields`) and the in-process `request.providerOptions`, under
 * `google`, `vertex` and the provider's own name (later sources and the provider's own name
 * win). Throws a 400 `GatewayError` naming the field when one is invalid
 * (`providerOptions.google.safetySettings.0.category`).
 */
export function readGoogleChatOptions(request: ChatRequest, provider: string): GoogleChatOptions {
  const wire = request.source?.extraFields.providerOptions;
  const keys = googleOptionKeys(provider).reverse();
  const result: GoogleChatOptions = {};
  for (const source of [isRecord(wire) ? wire : {}, request.providerOptions ?? {}]) {
    for (const key of keys) {
      const value = (source as Record<string, unknown>)[key];
      if (value !== undefined) Object.assign(result, parseOne(value, `providerOptions.${key}`));
    }
  }
  return result;
}
