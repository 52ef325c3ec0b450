import { z } from 'zod';

/**
 * Zod schemas of the Anthropic Messages API content blocks, as clients send them in `messages`
 * and `system` and as the API returns them. Unknown fields are kept (`looseObject`), and block
 * types this module does not model (`server_tool_use`, `web_search_tool_result`, `search_result`,
 * `mcp_tool_use`...) are accepted as opaque blocks so that they pass through untouched.
 */

/** `cache_control: {type: 'ephemeral', ttl?: '5m' | '1h'}`. */
export const anthropicCacheControlSchema = z.looseObject({ type: z.string() });

const cacheControl = anthropicCacheControlSchema.nullish();

/** `{type: 'text', text, cache_control?, citations?}`. */
export const anthropicTextBlockSchema = z.looseObject({
  type: z.literal('text'),
  text: z.string(),
  cache_control: cacheControl,
  citations: z.array(z.unknown()).nullish(),
});

/** Where an image's bytes come from: inline base64, a URL, or an uploaded file. */
export const anthropicImageSourceSchema = z.discriminatedUnion('type', [
  z.looseObject({ type: z.literal('base64'), media_type: z.string(), data: z.string() }),
  z.looseObject({ type: z.literal('url'), url: z.string() }),
  z.looseObject({ type: z.literal('file'), file_id: z.string() }),
]);

/** `{type: 'image', source, cache_control?}`. */
export const anthropicImageBlockSchema = z.looseObject({
  type: z.literal('image'),
  source: anthropicImageSourceSchema,
  cache_control: cacheControl,
});

/** Where a document's content comes from: a PDF (base64, URL, file), plain text, or content blocks. */
export const anthropicDocumentSourceSchema = z.discriminatedUnion('type', [
  z.looseObject({ type: z.literal('base64'), media_type: z.string(), data: z.string() }),
  z.looseObject({ type: z.literal('text'), media_type: z.string().optional(), data: z.string() }),
  z.looseObject({ type: z.literal('url'), url: z.string() }),
  z.looseObject({ type: z.literal('file'), file_id: z.string() }),
  z.looseObject({ type: z.literal('content'), content: z.union([z.string(), z.array(z.unknown())]) }),
]);

/** `{type: 'document', source, title?, context?, citations?, cache_control?}`. */
export const anthropicDocumentBlockSchema = z.looseObject({
  type: z.literal('document'),
  source: anthropicDocumentSourceSchema,
  title: z.string().nullish(),
  cache_control: cacheControl,
});

/** `{type: 'tool_use', id, name, input}`: a call the model made. */
export const anthropicToolUseBlockSchema = z.looseObject({
  type: z.literal('tool_use'),
  id: z.string(),
  name: z.string(),
  input: z.record(z.string(), z.unknown()),
  cache_control: cacheControl,
});

/** `{type: 'thinking', thinking, signature}`: extended thinking, signed. */
export const anthropicThinkingBlockSchema = z.looseObject({
  type: z.literal('thinking'),
  thinking: z.string(),
  signature: z.string().optional(),
});

/** `{type: 'redacted_thinking', data}`: encrypted thinking, returned verbatim. */
export const anthropicRedactedThinkingBlockSchema = z.looseObject({
  type: z.literal('redacted_thinking'),
  data: z.string(),
});

/**
 * A block of a type this module does not model, kept verbatim. Its `type` must not be one of the
 * modelled types (a malformed `text` block is an error, not an opaque block).
 */
function opaqueBlockSchema(known: ReadonlySet<string>) {
  return z.looseObject({
    type: z.string().refine((type) => !known.has(type), { message: 'Unknown block type', abort: true }),
  });
}

const toolResultContentKnown = z.discriminatedUnion('type', [
  anthropicTextBlockSchema,
  anthropicImageBlockSchema,
]);

/** Block types a `tool_result` may contain that are modelled here. */
export const ANTHROPIC_TOOL_RESULT_CONTENT_TYPES: ReadonlySet<string> = new Set(['text', 'image']);

/** A block inside `tool_result.content`: text, image, or any other type kept verbatim. */
export const anthropicToolResultContentBlockSchema = z.union([
  toolResultContentKnown,
  opaqueBlockSchema(ANTHROPIC_TOOL_RESULT_CONTENT_TYPES),
]);

/** `{type: 'tool_result', tool_use_id, content?, is_error?, cache_control?}`. */
export const anthropicToolResultBlockSchema = z.looseObject({
  type: z.literal('tool_result'),
  tool_use_id: z.string(),
  content: z.union([z.string(), z.array(anthropicToolResultContentBlockSchema)]).optional(),
  is_error: z.boolean().nullish(),
  cache_control: cacheControl,
});

/** The content block types this module maps to canonical parts. */
export const ANTHROPIC_CONTENT_BLOCK_TYPES: ReadonlySet<string> = new Set([
  'text',
  'image',
  'document',
  'tool_use',
  'tool_result',
  'thinking',
  'redacted_thinking',
]);

/** A content block of one of the modelled types. */
export const anthropicKnownContentBlockSchema = z.discriminatedUnion('type', [
  anthropicTextBlockSchema,
  anthropicImageBlockSchema,
  anthropicDocumentBlockSchema,
  anthropicToolUseBlockSchema,
  anthropicToolResultBlockSchema,
  anthropicThinkingBlockSchema,
  anthropicRedactedThinkingBlockSchema,
]);

/** Any content block: a modelled one, or another type kept verbatim. */
export const anthropicContentBlockSchema = z.union([
  anthropicKnownContentBlockSchema,
  opaqueBlockSchema(ANTHROPIC_CONTENT_BLOCK_TYPES),
]);

/** A modelled content block. */
export type AnthropicKnownContentBlock = z.infer<typeof anthropicKnownContentBlockSchema>;
/** Any content block (modelled, or opaque with only `type` known). */
export type AnthropicContentBlock = z.infer<typeof anthropicContentBlockSchema>;
/** A block inside `tool_result.content`. */
export type AnthropicToolResultContentBlock = z.infer<typeof anthropicToolResultContentBlockSchema>;
/** A text block. */
export type AnthropicTextBlock = z.infer<typeof anthropicTextBlockSchema>;
/** An image block. */
export type AnthropicImageBlock = z.infer<typeof anthropicImageBlockSchema>;
/** A document block. */
export type AnthropicDocumentBlock = z.infer<typeof anthropicDocumentBlockSchema>;

/** Narrows a parsed block to the modelled types. */
export function isAnthropicKnownContentBlock(
  block: AnthropicContentBlock,
): block is AnthropicKnownContentBlock {
  return ANTHROPIC_CONTENT_BLOCK_TYPES.has(block.type);
}
