import { type ChatRequest, GatewayError } from '@signalbox/core';
import { z } from 'zod';

/**
 * Cohere-only request fields a client may set per request, in Cohere's wire spelling, under
 * `providerOptions.cohere` (or the provider's own name): in an in-process `ChatRequest`, or as a
 * top-level `providerOptions` field of an OpenAI- or Anthropic-format body, as the Vercel AI
 * Gateway accepts it. Known fields are checked; unknown ones are passed to Cohere as they are.
 */
export const cohereChatOptionsSchema = z.looseObject({
  safety_mode: z.enum(['CONTEXTUAL', 'STRICT', 'OFF']).optional(),
  strict_tools: z.boolean().optional(),
  priority: z.int().min(0).optional(),
  thinking: z
    .strictObject({ type: z.enum(['enabled', 'disabled']), token_budget: z.int().positive().optional() })
    .optional(),
  citation_options: z.looseObject({ mode: z.string().optional() }).optional(),
  documents: z.array(z.union([z.string(), z.record(z.string(), z.unknown())])).optional(),
  logprobs: z.boolean().optional(),
  raw_prompting: z.boolean().optional(),
});

/** Cohere-only request fields, as a client set them. */
export type CohereChatOptions = z.infer<typeof cohereChatOptionsSchema>;

/** Fields the adapter owns: setting them through provider options is a client error. */
const reservedFields = ['model', 'messages', 'stream'];

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

function parseOne(value: unknown, param: string): CohereChatOptions {
  if (!isRecord(value)) throw invalid(`'${param}' must be an object.`, param);
  for (const field of reservedFields) {
    if (field in value)
      throw invalid(`'${param}.${field}' cannot be set in provider options.`, `${param}.${field}`);
  }
  const parsed = cohereChatOptionsSchema.safeParse(value);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const at = [param, ...(issue?.path.map(String) ?? [])].join('.');
  throw invalid(`Invalid '${at}': ${issue?.message ?? 'invalid value'}.`, at);
}

/**
 * The Cohere-only fields of a request for the provider named `provider`: the body's
 * `providerOptions[provider]` (from `source.extraFields`) merged with the in-process
 * `request.providerOptions[provider]`, which wins. Throws a 400 `GatewayError` naming the field
 * when one is invalid (`providerOptions.cohere.safety_mode`).
 */
export function readCohereChatOptions(request: ChatRequest, provider: string): CohereChatOptions {
  const wire = request.source?.extraFields.providerOptions;
  const fromBody = isRecord(wire) ? wire[provider] : undefined;
  const fromRequest = request.providerOptions?.[provider];
  const param = `providerOptions.${provider}`;
  return {
    ...(fromBody === undefined ? {} : parseOne(fromBody, param)),
    ...(fromRequest === undefined ? {} : parseOne(fromRequest, param)),
  };
}
