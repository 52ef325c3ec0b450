import type {
  AssistantContentPart,
  FilePart,
  ImagePart,
  ReasoningPart,
  TextPart,
  ToolCallPart,
  ToolResultPart,
  UserContentPart,
} from '../spec/v1/content-part.js';
import {
  type AnthropicContentBlock,
  type AnthropicDocumentBlock,
  type AnthropicImageBlock,
  type AnthropicKnownContentBlock,
  type AnthropicTextBlock,
  type AnthropicToolResultContentBlock,
  isAnthropicKnownContentBlock,
} from './anthropic-content-block-schema.js';
import { extrasAsOptions, pickExtras, rawBlockPart } from './anthropic-extras.js';
import { anthropicInvalidRequest } from './anthropic-validation-error.js';

type Block<T extends AnthropicKnownContentBlock['type']> = Extract<AnthropicKnownContentBlock, { type: T }>;
type Path = ReadonlyArray<string | number>;

const textKeys = new Set(['type', 'text']);
const imageKeys = new Set(['type', 'source']);
const documentKeys = new Set(['type', 'source', 'title']);
const toolUseKeys = new Set(['type', 'id', 'name', 'input']);
const toolResultKeys = new Set(['type', 'tool_use_id', 'content', 'is_error']);
const thinkingKeys = new Set(['type', 'thinking', 'signature']);
const redactedKeys = new Set(['type', 'data']);

/** A text block as a TextPart; `cache_control`, `citations` and other fields go to `providerOptions.anthropic`. */
export function decodeAnthropicTextBlock(block: AnthropicTextBlock): TextPart {
  return { type: 'text', text: block.text, ...extrasAsOptions(pickExtras(block, textKeys)) };
}

/** An image block as an ImagePart (base64 with its media type, URL, or uploaded file). */
export function decodeAnthropicImageBlock(block: AnthropicImageBlock): ImagePart {
  const extras = extrasAsOptions(pickExtras(block, imageKeys));
  const source = block.source;
  switch (source.type) {
    case 'base64':
      return {
        type: 'image',
        source: { type: 'base64', data: source.data },
        mediaType: source.media_type,
        ...extras,
      };
    case 'url':
      return { type: 'image', source: { type: 'url', url: source.url }, ...extras };
    case 'file':
      return { type: 'image', source: { type: 'file-id', fileId: source.file_id }, ...extras };
  }
}

/**
 * A document block as a FilePart: a PDF (base64, URL, file) as `application/pdf`, plain text as
 * `text/plain`. A `content` document becomes its text, with the original source kept in
 * `providerOptions.anthropic.source` so that an Anthropic provider receives it unchanged.
 */
export function decodeAnthropicDocumentBlock(block: AnthropicDocumentBlock): FilePart {
  const extras = pickExtras(block, documentKeys);
  const filename = typeof block.title === 'string' ? { filename: block.title } : {};
  const source = block.source;
  switch (source.type) {
    case 'base64':
      return {
        type: 'file',
        source: { type: 'base64', data: source.data },
        mediaType: source.media_type,
        ...filename,
        ...extrasAsOptions(extras),
      };
    case 'text':
      return {
        type: 'file',
        source: { type: 'text', text: source.data },
        mediaType: source.media_type ?? 'text/plain',
        ...filename,
        ...extrasAsOptions(extras),
      };
    case 'url':
      return {
        type: 'file',
        source: { type: 'url', url: source.url },
        mediaType: 'application/pdf',
        ...filename,
        ...extrasAsOptions(extras),
      };
    case 'file':
      return {
        type: 'file',
        source: { type: 'file-id', fileId: source.file_id },
        mediaType: 'application/pdf',
        ...filename,
        ...extrasAsOptions(extras),
      };
    case 'content':
      return {
        type: 'file',
        source: { type: 'text', text: contentText(source.content) },
        mediaType: 'text/plain',
        ...filename,
        providerOptions: { anthropic: { ...extras, source } },
      };
  }
}

function contentText(content: string | unknown[]): string {
  if (typeof content === 'string') return content;
  const texts: string[] = [];
  for (const item of content) {
    if (typeof item === 'object' && item !== null && (item as { type?: unknown }).type === 'text') {
      const text = (item as { text?: unknown }).text;
      if (typeof text === 'string') texts.push(text);
    }
  }
  return texts.join('\n');
}

/** A `tool_use` block as a ToolCallPart whose `input` is the JSON text of the block's input. */
export function decodeAnthropicToolUseBlock(block: Block<'tool_use'>): ToolCallPart {
  return {
    type: 'tool-call',
    toolCallId: block.id,
    toolName: block.name,
    input: JSON.stringify(block.input),
    ...extrasAsOptions(pickExtras(block, toolUseKeys)),
  };
}

/** A `thinking` block as a ReasoningPart; an empty signature counts as none. */
export function decodeAnthropicThinkingBlock(block: Block<'thinking'>): ReasoningPart {
  return {
    type: 'reasoning',
    text: block.thinking,
    ...(block.signature !== undefined && block.signature !== '' && { signature: block.signature }),
    ...extrasAsOptions(pickExtras(block, thinkingKeys)),
  };
}

/** A `redacted_thinking` block as a ReasoningPart with empty text and the opaque data. */
export function decodeAnthropicRedactedThinkingBlock(block: Block<'redacted_thinking'>): ReasoningPart {
  return {
    type: 'reasoning',
    text: '',
    redactedData: block.data,
    ...extrasAsOptions(pickExtras(block, redactedKeys)),
  };
}

/** A `tool_result` block as a ToolResultPart (string output, or text and image parts). */
export function decodeAnthropicToolResultBlock(block: Block<'tool_result'>): ToolResultPart {
  const content = block.content;
  let output: ToolResultPart['output'];
  if (content === undefined) output = '';
  else if (typeof content === 'string') output = content;
  else output = content.map(decodeToolResultContent);
  return {
    type: 'tool-result',
    toolCallId: block.tool_use_id,
    output,
    ...(typeof block.is_error === 'boolean' && { isError: block.is_error }),
    ...extrasAsOptions(pickExtras(block, toolResultKeys)),
  };
}

function decodeToolResultContent(block: AnthropicToolResultContentBlock): TextPart | ImagePart {
  if (block.type === 'text') return decodeAnthropicTextBlock(block as AnthropicTextBlock);
  if (block.type === 'image') return decodeAnthropicImageBlock(block as AnthropicImageBlock);
  return rawBlockPart(block);
}

/**
 * A block of a user message (other than `tool_result`, which the caller separates) as a user
 * content part. `path` names the block in errors: model-only blocks are a 400.
 */
export function decodeAnthropicUserBlock(block: AnthropicContentBlock, path: Path): UserContentPart {
  if (!isAnthropicKnownContentBlock(block)) return rawBlockPart(block);
  switch (block.type) {
    case 'text':
      return decodeAnthropicTextBlock(block);
    case 'image':
      return decodeAnthropicImageBlock(block);
    case 'document':
      return decodeAnthropicDocumentBlock(block);
    default:
      throw anthropicInvalidRequest(
        [...path, 'type'],
        `'${block.type}' blocks are only allowed in assistant messages`,
      );
  }
}

/**
 * A block of an assistant message (or of a response) as an assistant content part. With a `path`
 * (a client's request), user-only blocks are a 400 naming it; without (a provider's response),
 * they are kept as opaque blocks.
 */
export function decodeAnthropicAssistantBlock(
  block: AnthropicContentBlock,
  path?: Path,
): AssistantContentPart {
  if (!isAnthropicKnownContentBlock(block)) return rawBlockPart(block);
  switch (block.type) {
    case 'text':
      return decodeAnthropicTextBlock(block);
    case 'tool_use':
      return decodeAnthropicToolUseBlock(block);
    case 'thinking':
      return decodeAnthropicThinkingBlock(block);
    case 'redacted_thinking':
      return decodeAnthropicRedactedThinkingBlock(block);
    default:
      if (path === undefined) return rawBlockPart(block);
      throw anthropicInvalidRequest(
        [...path, 'type'],
        `'${block.type}' blocks are only allowed in user messages`,
      );
  }
}
