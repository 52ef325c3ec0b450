import { z } from 'zod';
import {
  anthropicCacheControlSchema,
  anthropicContentBlockSchema,
  anthropicTextBlockSchema,
} from './anthropic-content-block-schema.js';

/** One turn of `messages`: `content` is a string or a list of content blocks. */
export const anthropicMessageParamSchema = z.looseObject({
  role: z.enum(['user', 'assistant']),
  content: z.union([z.string(), z.array(anthropicContentBlockSchema)]),
});

/** A client tool: `{name, description?, input_schema, cache_control?}` (`type` absent or `custom`). */
export const anthropicCustomToolSchema = z.looseObject({
  type: z.literal('custom').optional(),
  name: z.string(),
  description: z.string().optional(),
  input_schema: z.record(z.string(), z.unknown()),
  cache_control: anthropicCacheControlSchema.nullish(),
});

/** A tool Anthropic defines (`web_search_20250305`, `computer_20250124`, `bash_20250124`...), kept verbatim. */
export const anthropicServerToolSchema = z.looseObject({
  type: z.string().refine((type) => type !== 'custom', { message: 'Unknown tool type', abort: true }),
  name: z.string().optional(),
});

/** An entry of `tools`. */
export const anthropicToolSchema = z.union([anthropicCustomToolSchema, anthropicServerToolSchema]);

/** `tool_choice`: auto, any, a named tool, or none. */
export const anthropicToolChoiceSchema = z.discriminatedUnion('type', [
  z.looseObject({ type: z.literal('auto'), disable_parallel_tool_use: z.boolean().optional() }),
  z.looseObject({ type: z.literal('any'), disable_parallel_tool_use: z.boolean().optional() }),
  z.looseObject({
    type: z.literal('tool'),
    name: z.string(),
    disable_parallel_tool_use: z.boolean().optional(),
  }),
  z.looseObject({ type: z.literal('none') }),
]);

/**
 * `thinking`: `{type: 'enabled', budget_tokens}` or `{type: 'disabled'}`; other types (`adaptive`...)
 * are accepted verbatim.
 */
export const anthropicThinkingConfigSchema = z.union([
  z.discriminatedUnion('type', [
    z.looseObject({ type: z.literal('enabled'), budget_tokens: z.number().int() }),
    z.looseObject({ type: z.literal('disabled') }),
  ]),
  z.looseObject({
    type: z
      .string()
      .refine((type) => type !== 'enabled' && type !== 'disabled', { message: 'Unknown type', abort: true }),
  }),
]);

/** `system`: a string or a list of text blocks. */
export const anthropicSystemSchema = z.union([z.string(), z.array(anthropicTextBlockSchema)]);

const sharedShape = {
  model: z.string(),
  messages: z.array(anthropicMessageParamSchema),
  system: anthropicSystemSchema.optional(),
  tools: z.array(anthropicToolSchema).optional(),
  tool_choice: anthropicToolChoiceSchema.optional(),
  thinking: anthropicThinkingConfigSchema.optional(),
  mcp_servers: z.array(z.unknown()).optional(),
  context_management: z.record(z.string(), z.unknown()).nullish(),
};

/**
 * Body of `POST /v1/messages`. `max_tokens` is required, as Anthropic requires it. Unknown fields
 * are kept so that they can pass through to an Anthropic provider.
 */
export const anthropicMessagesRequestSchema = z.looseObject({
  ...sharedShape,
  max_tokens: z.number().int().min(1),
  metadata: z.looseObject({ user_id: z.string().nullish() }).nullish(),
  stop_sequences: z.array(z.string()).optional(),
  stream: z.boolean().optional(),
  temperature: z.number().optional(),
  top_p: z.number().optional(),
  top_k: z.number().int().optional(),
  service_tier: z.string().optional(),
  container: z.union([z.string(), z.record(z.string(), z.unknown())]).nullish(),
});

/** Body of `POST /v1/messages/count_tokens`: a messages request without `max_tokens` and sampling. */
export const anthropicCountTokensRequestSchema = z.looseObject({
  ...sharedShape,
  max_tokens: z.number().int().min(1).optional(),
});

/** A parsed `POST /v1/messages` body. */
export type AnthropicMessagesRequest = z.infer<typeof anthropicMessagesRequestSchema>;
/** A parsed `POST /v1/messages/count_tokens` body. */
export type AnthropicCountTokensRequest = z.infer<typeof anthropicCountTokensRequestSchema>;
/** A parsed entry of `messages`. */
export type AnthropicMessageParam = z.infer<typeof anthropicMessageParamSchema>;
/** A parsed entry of `tools`. */
export type AnthropicTool = z.infer<typeof anthropicToolSchema>;
/** A parsed `tool_choice`. */
export type AnthropicToolChoice = z.infer<typeof anthropicToolChoiceSchema>;
/** A parsed `thinking`. */
export type AnthropicThinkingConfig = z.infer<typeof anthropicThinkingConfigSchema>;
