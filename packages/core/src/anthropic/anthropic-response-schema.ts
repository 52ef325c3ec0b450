import { z } from 'zod';
import { anthropicContentBlockSchema } from './anthropic-content-block-schema.js';

/**
 * Anthropic `usage`. `input_tokens` excludes cached tokens; the cache counts are numbers, or null
 * (or absent) when not reported. Extra fields (`cache_creation`, `server_tool_use`, `service_tier`)
 * are kept.
 */
export const anthropicUsageSchema = z.looseObject({
  input_tokens: z.number(),
  output_tokens: z.number(),
  cache_creation_input_tokens: z.number().nullish(),
  cache_read_input_tokens: z.number().nullish(),
});

/** The usage of a `message_delta` event: every count optional. */
export const anthropicDeltaUsageSchema = z.looseObject({
  input_tokens: z.number().nullish(),
  output_tokens: z.number().nullish(),
  cache_creation_input_tokens: z.number().nullish(),
  cache_read_input_tokens: z.number().nullish(),
});

/** A complete response of `POST /v1/messages` (`type: 'message'`). */
export const anthropicMessageSchema = z.looseObject({
  id: z.string(),
  type: z.literal('message').optional(),
  role: z.literal('assistant').optional(),
  model: z.string(),
  content: z.array(anthropicContentBlockSchema),
  stop_reason: z.string().nullish(),
  stop_sequence: z.string().nullish(),
  usage: anthropicUsageSchema,
});

/** The `error` object of an error response or an `error` stream event. */
export const anthropicErrorObjectSchema = z.looseObject({ type: z.string(), message: z.string() });

/** An error response body: `{type: 'error', error: {type, message}}`. */
export const anthropicErrorBodySchema = z.looseObject({
  type: z.literal('error'),
  error: anthropicErrorObjectSchema,
});

/** The `delta` of a `content_block_delta` event. Unknown delta types are kept. */
export const anthropicContentBlockDeltaSchema = z.union([
  z.discriminatedUnion('type', [
    z.looseObject({ type: z.literal('text_delta'), text: z.string() }),
    z.looseObject({ type: z.literal('input_json_delta'), partial_json: z.string() }),
    z.looseObject({ type: z.literal('thinking_delta'), thinking: z.string() }),
    z.looseObject({ type: z.literal('signature_delta'), signature: z.string() }),
    z.looseObject({ type: z.literal('citations_delta'), citation: z.record(z.string(), z.unknown()) }),
  ]),
  z.looseObject({
    type: z
      .string()
      .refine(
        (type) =>
          ![
            'text_delta',
            'input_json_delta',
            'thinking_delta',
            'signature_delta',
            'citations_delta',
          ].includes(type),
      ),
  }),
]);

/** One event of a streamed response (`stream: true`), by its `type`. */
export const anthropicStreamEventSchema = z.discriminatedUnion('type', [
  z.looseObject({
    type: z.literal('message_start'),
    message: anthropicMessageSchema.extend({ usage: anthropicDeltaUsageSchema }),
  }),
  z.looseObject({
    type: z.literal('content_block_start'),
    index: z.number().int(),
    content_block: anthropicContentBlockSchema,
  }),
  z.looseObject({
    type: z.literal('content_block_delta'),
    index: z.number().int(),
    delta: anthropicContentBlockDeltaSchema,
  }),
  z.looseObject({ type: z.literal('content_block_stop'), index: z.number().int() }),
  z.looseObject({
    type: z.literal('message_delta'),
    delta: z.looseObject({ stop_reason: z.string().nullish(), stop_sequence: z.string().nullish() }),
    usage: anthropicDeltaUsageSchema.nullish(),
  }),
  z.looseObject({ type: z.literal('message_stop') }),
  z.looseObject({ type: z.literal('ping') }),
  z.looseObject({ type: z.literal('error'), error: anthropicErrorObjectSchema }),
]);

/** Anthropic usage, as parsed. */
export type AnthropicUsage = z.infer<typeof anthropicUsageSchema>;
/** A parsed complete response. */
export type AnthropicMessage = z.infer<typeof anthropicMessageSchema>;
/** A parsed stream event. */
export type AnthropicStreamEvent = z.infer<typeof anthropicStreamEventSchema>;
/** A parsed error body. */
export type AnthropicErrorBody = z.infer<typeof anthropicErrorBodySchema>;
