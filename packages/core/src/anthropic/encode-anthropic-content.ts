import type {
  AssistantContentPart,
  FilePart,
  ImagePart,
  TextPart,
  ToolResultPart,
  UserContentPart,
} from '../spec/v1/content-part.js';
import type { Warning } from '../spec/v1/warning.js';
import { isRecord, rawBlockOf, withExtras } from './anthropic-extras.js';

type Block = Record<string, unknown>;

const skipSource = new Set(['source']);

/**
 * Parses a tool call's JSON input into the object Anthropic wants (`''` -> `{}`). Returns
 * undefined when the text is not a JSON object.
 */
export function parseToolInput(input: string): Record<string, unknown> | undefined {
  if (input.trim() === '') return {};
  try {
    const value: unknown = JSON.parse(input);
    return isRecord(value) ? value : undefined;
  } catch {
    return undefined;
  }
}

/** A text part as a text block (or the opaque block it stands for), with its Anthropic extras. */
export function toAnthropicTextBlock(part: TextPart): Block {
  return (
    rawBlockOf(part.providerOptions) ?? withExtras({ type: 'text', text: part.text }, part.providerOptions)
  );
}

/**
 * An assistant part as a content block. Reasoning without a signature (from another provider)
 * becomes a thinking block with an empty signature when `unsignedReasoning` is 'keep' (a
 * response to a client) and nothing when 'drop' (a request to Anthropic, which would reject it).
 * A refusal becomes text. Tool input that is not a JSON object becomes `{}`.
 */
export function toAnthropicAssistantBlock(
  part: AssistantContentPart,
  unsignedReasoning: 'keep' | 'drop',
  warnings?: Warning[],
): Block | undefined {
  switch (part.type) {
    case 'text':
      return toAnthropicTextBlock(part);
    case 'refusal':
      return { type: 'text', text: part.text };
    case 'reasoning':
      if (part.redactedData !== undefined) {
        return withExtras({ type: 'redacted_thinking', data: part.redactedData }, part.providerOptions);
      }
      if (part.signature === undefined && unsignedReasoning === 'drop') return undefined;
      return withExtras(
        { type: 'thinking', thinking: part.text, signature: part.signature ?? '' },
        part.providerOptions,
      );
    case 'tool-call': {
      let input = parseToolInput(part.input);
      if (input === undefined) {
        warnings?.push({
          type: 'other',
          message: `The input of tool call ${part.toolCallId} is not a JSON object; sent as {}.`,
        });
        input = {};
      }
      return withExtras(
        { type: 'tool_use', id: part.toolCallId, name: part.toolName, input },
        part.providerOptions,
      );
    }
  }
}

/** A user part as a content block; parts Anthropic cannot take are dropped with a warning. */
export function toAnthropicUserBlock(part: UserContentPart, warnings: Warning[]): Block | undefined {
  switch (part.type) {
    case 'text':
      return toAnthropicTextBlock(part);
    case 'image':
      return toAnthropicImageBlock(part, warnings);
    case 'file':
      return toAnthropicFileBlock(part, warnings);
  }
}

/** A tool result as a `tool_result` block (string content, or text and image blocks). */
export function toAnthropicToolResultBlock(part: ToolResultPart, warnings: Warning[]): Block {
  let content: string | Block[];
  if (typeof part.output === 'string') content = part.output;
  else {
    content = [];
    for (const item of part.output) {
      const block = item.type === 'text' ? toAnthropicTextBlock(item) : toAnthropicImageBlock(item, warnings);
      if (block !== undefined) content.push(block);
    }
  }
  const block: Block = { type: 'tool_result', tool_use_id: part.toolCallId, content };
  if (part.isError !== undefined) block.is_error = part.isError;
  return withExtras(block, part.providerOptions);
}

function toAnthropicImageBlock(part: ImagePart | FilePart, warnings: Warning[]): Block | undefined {
  const source = part.source;
  let wire: Block;
  switch (source.type) {
    case 'base64':
      wire = { type: 'base64', media_type: part.mediaType ?? sniffImageType(source.data), data: source.data };
      break;
    case 'url': {
      const inline = parseDataUrl(source.url);
      wire = inline
        ? {
            type: 'base64',
            media_type: inline.mediaType ?? part.mediaType ?? sniffImageType(inline.data),
            data: inline.data,
          }
        : { type: 'url', url: source.url };
      break;
    }
    case 'file-id':
      wire = { type: 'file', file_id: source.fileId };
      break;
    case 'text':
      warnings.push({ type: 'unsupported', feature: 'image with a text source' });
      return undefined;
  }
  return withExtras({ type: 'image', source: wire }, part.providerOptions);
}

function toAnthropicFileBlock(part: FilePart, warnings: Warning[]): Block | undefined {
  const mediaType = part.mediaType;
  if (mediaType.startsWith('image/')) return toAnthropicImageBlock(part, warnings);
  const stashed = part.providerOptions?.anthropic?.source;
  let wire: Block | undefined;
  if (isRecord(stashed)) wire = stashed;
  else if (mediaType === 'application/pdf') wire = pdfSource(part);
  else if (mediaType.startsWith('text/')) wire = textSource(part);
  if (wire === undefined) {
    warnings.push({
      type: 'unsupported',
      feature: mediaType.startsWith('audio/') ? 'audio input' : `file of type ${mediaType}`,
      details: 'Anthropic accepts PDF and plain-text documents and images; the file was not sent.',
    });
    return undefined;
  }
  const block: Block = { type: 'document', source: wire };
  if (part.filename !== undefined) block.title = part.filename;
  return withExtras(block, part.providerOptions, skipSource);
}

function pdfSource(part: FilePart): Block | undefined {
  const source = part.source;
  switch (source.type) {
    case 'base64':
      return { type: 'base64', media_type: 'application/pdf', data: source.data };
    case 'url': {
      const inline = parseDataUrl(source.url);
      return inline
        ? { type: 'base64', media_type: 'application/pdf', data: inline.data }
        : { type: 'url', url: source.url };
    }
    case 'file-id':
      return { type: 'file', file_id: source.fileId };
    case 'text':
      return undefined;
  }
}

function textSource(part: FilePart): Block | undefined {
  const source = part.source;
  switch (source.type) {
    case 'text':
      return { type: 'text', media_type: 'text/plain', data: source.text };
    case 'base64':
      return {
        type: 'text',
        media_type: 'text/plain',
        data: Buffer.from(source.data, 'base64').toString('utf8'),
      };
    case 'url': {
      const inline = parseDataUrl(source.url);
      if (inline === undefined) return undefined;
      return {
        type: 'text',
        media_type: 'text/plain',
        data: Buffer.from(inline.data, 'base64').toString('utf8'),
      };
    }
    case 'file-id':
      return { type: 'file', file_id: source.fileId };
  }
}

/** `data:<type>;base64,<data>` -> its parts (non-base64 data URLs are re-encoded as base64). */
function parseDataUrl(url: string): { mediaType: string | undefined; data: string } | undefined {
  if (!url.startsWith('data:')) return undefined;
  const comma = url.indexOf(',');
  if (comma === -1) return undefined;
  const header = url.slice(5, comma);
  const payload = url.slice(comma + 1);
  const base64 = header.endsWith(';base64');
  const mediaType = header.split(';')[0] || undefined;
  return {
    mediaType,
    data: base64 ? payload : Buffer.from(decodeURIComponent(payload), 'utf8').toString('base64'),
  };
}

/** Guesses an image's media type from the first bytes of its base64 data (Anthropic requires one). */
function sniffImageType(data: string): string {
  if (data.startsWith('iVBORw0KGgo')) return 'image/png';
  if (data.startsWith('R0lGOD')) return 'image/gif';
  if (data.startsWith('UklGR')) return 'image/webp';
  return 'image/jpeg';
}
