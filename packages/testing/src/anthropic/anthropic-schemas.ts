import { z } from 'zod';

/**
 * Request schemas of the fake Anthropic Messages API: strict at the top level (an unknown field
 * is a 400 `Extra inputs are not permitted`), loose inside, typed where the real API checks.
 */

const cacheControl = z
  .looseObject({ type: z.literal('ephemeral'), ttl: z.enum(['5m', '1h']).optional() })
  .nullish();

const imageSource = z.discriminatedUnion('type', [
  z.looseObject({
    type: z.literal('base64'),
    media_type: z.enum(['image/jpeg', 'image/png', 'image/gif', 'image/webp']),
    data: z.string(),
  }),
  z.looseObject({ type: z.literal('url'), url: z.string() }),
  z.looseObject({ type: z.literal('file'), file_id: z.string() }),
]);

const documentSource = z.discriminatedUnion('type', [
  z.looseObject({ type: z.literal('base64'), media_type: z.literal('application/pdf'), data: z.string() }),
  z.looseObject({ type: z.literal('text'), media_type: z.literal('text/plain'), data: z.string() }),
  z.looseObject({ type: z.literal('url'), url: z.string() }),
  z.looseObject({ type: z.literal('content'), content: z.union([z.string(), z.array(z.unknown())]) }),
  z.looseObject({ type: z.literal('file'), file_id: z.string() }),
]);

const textBlock = z.looseObject({ type: z.literal('text'), text: z.string(), cache_control: cacheControl });
const imageBlock = z.looseObject({
  type: z.literal('image'),
  source: imageSource,
  cache_control: cacheControl,
});
const documentBlock = z.looseObject({
  type: z.literal('document'),
  source: documentSource,
  cache_control: cacheControl,
});
const searchResultBlock = z.looseObject({
  type: z.literal('search_result'),
  source: z.string(),
  title: z.string(),
  content: z.array(z.unknown()),
  cache_control: cacheControl,
});

const toolResultContent = z.discriminatedUnion('type', [
  textBlock,
  imageBlock,
  documentBlock,
  searchResultBlock,
]);

const contentBlock = z.discriminatedUnion('type', [
  textBlock,
  imageBlock,
  documentBlock,
  searchResultBlock,
  z.looseObject({
    type: z.literal('tool_use'),
    id: z.string(),
    name: z.string(),
    input: z.record(z.string(), z.unknown()),
    cache_control: cacheControl,
  }),
  z.looseObject({
    type: z.literal('tool_result'),
    tool_use_id: z.string(),
    content: z.union([z.string(), z.array(toolResultContent)]).optional(),
    is_error: z.boolean().optional(),
    cache_control: cacheControl,
  }),
  z.looseObject({ type: z.literal('thinking'), thinking: z.string(), signature: z.string() }),
  z.looseObject({ type: z.literal('redacted_thinking'), data: z.string() }),
  z.looseObject({ type: z.literal('server_tool_use'), id: z.string(), name: z.string(), input: z.unknown() }),
  z.looseObject({ type: z.literal('web_search_tool_result'), tool_use_id: z.string(), content: z.unknown() }),
  z.looseObject({ type: z.literal('container_upload'), file_id: z.string() }),
]);

const message = z.looseObject({
  role: z.enum(['user', 'assistant']),
  content: z.union([z.string(), z.array(contentBlock)]),
});

const system = z.union([z.string(), z.array(z.discriminatedUnion('type', [textBlock]))]);

/** A tool entry as the top-level schema sees it; `anthropicToolSchema` checks it in detail. */
const toolEntry = z.looseObject({ name: z.string(), type: z.string().nullish() });

/** A client tool (`type` absent or `custom`): `input_schema` required, of type `object`. */
export const anthropicCustomToolSchema = z.looseObject({
  name: z.string().regex(/^[a-zA-Z0-9_-]{1,128}$/),
  description: z.string().optional(),
  input_schema: z.looseObject({ type: z.literal('object') }),
  cache_control: cacheControl,
});

/** A server tool (`web_search_20250305`...): a dated type and a name. */
export const anthropicServerToolSchema = z.looseObject({
  type: z.string().regex(/^[a-z_]+_\d{8}$/),
  name: z.string(),
  cache_control: cacheControl,
});

const toolChoice = z.discriminatedUnion('type', [
  z.looseObject({ type: z.literal('auto'), disable_parallel_tool_use: z.boolean().optional() }),
  z.looseObject({ type: z.literal('any'), disable_parallel_tool_use: z.boolean().optional() }),
  z.looseObject({
    type: z.literal('tool'),
    name: z.string(),
    disable_parallel_tool_use: z.boolean().optional(),
  }),
  z.looseObject({ type: z.literal('none') }),
]);

const thinking = z.discriminatedUnion('type', [
  z.looseObject({ type: z.literal('enabled'), budget_tokens: z.int().min(1024) }),
  z.looseObject({ type: z.literal('disabled') }),
  z.looseObject({ type: z.literal('adaptive') }),
]);

const promptFields = {
  model: z.string().min(1),
  messages: z.array(message),
  system: system.optional(),
  tools: z.array(toolEntry).optional(),
  tool_choice: toolChoice.optional(),
  thinking: thinking.optional(),
  mcp_servers: z.array(z.unknown()).optional(),
  context_management: z.unknown().optional(),
  output_config: z.unknown().optional(),
  output_format: z.unknown().optional(),
};

/** The body of `POST /v1/messages`. */
export const anthropicMessagesRequestSchema = z.strictObject({
  ...promptFields,
  max_tokens: z.int().min(1),
  container: z.unknown().optional(),
  inference_geo: z.string().optional(),
  metadata: z.looseObject({ user_id: z.string().nullish() }).optional(),
  service_tier: z.enum(['auto', 'standard_only']).optional(),
  stop_sequences: z.array(z.string()).optional(),
  stream: z.boolean().optional(),
  temperature: z.number().min(0).max(1).optional(),
  top_k: z.int().min(0).optional(),
  top_p: z.number().min(0).max(1).optional(),
});

/** The body of `POST /v1/messages/count_tokens`. */
export const anthropicCountTokensRequestSchema = z.strictObject(promptFields);
