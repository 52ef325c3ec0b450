import type {
  AssistantContentPart,
  DataSource,
  FilePart,
  ImagePart,
  ProviderOptions,
  ToolResultPart,
  UserContentPart,
  Warning,
} from '@signalbox/core';
import type {
  BedrockCachePointBlock,
  BedrockContentBlock,
  BedrockDocumentBlock,
  BedrockImageBlock,
  BedrockSource,
  BedrockToolResultContent,
} from './bedrock-wire-types.js';

/** The cache checkpoint Bedrock puts after the blocks to cache. */
export const CACHE_POINT: BedrockCachePointBlock = { cachePoint: { type: 'default' } };

const imageFormats: Record<string, BedrockImageBlock['image']['format']> = {
  'image/png': 'png',
  'image/jpeg': 'jpeg',
  'image/jpg': 'jpeg',
  'image/gif': 'gif',
  'image/webp': 'webp',
};

const documentFormats: Record<string, string> = {
  'application/pdf': 'pdf',
  'text/csv': 'csv',
  'application/msword': 'doc',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'docx',
  'application/vnd.ms-excel': 'xls',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': 'xlsx',
  'text/html': 'html',
  'text/plain': 'txt',
  'text/markdown': 'md',
};

/**
 * Whether a part or message carries an Anthropic prompt-cache marker
 * (`providerOptions.anthropic.cache_control`): Bedrock's equivalent is a `cachePoint` block after it.
 */
export function hasCacheMarker(providerOptions: ProviderOptions | undefined): boolean {
  const marker = providerOptions?.anthropic?.cache_control;
  return typeof marker === 'object' && marker !== null;
}

/** Base64 bytes or an S3 location from a data source; undefined for HTTP URLs and file ids. */
function sourceOf(source: DataSource): { source: BedrockSource; mediaType?: string } | undefined {
  switch (source.type) {
    case 'base64':
      return { source: { bytes: source.data } };
    case 'text':
      return { source: { bytes: Buffer.from(source.text, 'utf8').toString('base64') } };
    case 'url': {
      const data = /^data:([^;,]+)?(;[^,]*)?;base64,(.*)$/s.exec(source.url);
      if (data) return { source: { bytes: data[3] ?? '' }, ...(data[1] && { mediaType: data[1] }) };
      if (source.url.startsWith('s3://')) return { source: { s3Location: { uri: source.url } } };
      return undefined;
    }
    default:
      return undefined;
  }
}

function toImageBlock(part: ImagePart, warnings: Warning[]): BedrockImageBlock | undefined {
  const resolved = sourceOf(part.source);
  if (resolved === undefined) {
    warnings.push({
      type: 'unsupported',
      feature: 'image url',
      details: `Bedrock takes images as bytes or S3 locations, not ${part.source.type === 'url' ? 'HTTP URLs' : 'file ids'}; the image was not sent.`,
    });
    return undefined;
  }
  const mediaType = (part.mediaType ?? resolved.mediaType ?? '').toLowerCase();
  const extension =
    part.source.type === 'url' ? /\.(png|jpe?g|gif|webp)$/i.exec(part.source.url)?.[1] : undefined;
  const format = imageFormats[mediaType] ?? imageFormats[`image/${extension?.toLowerCase() ?? ''}`];
  if (format === undefined) {
    warnings.push({
      type: 'unsupported',
      feature: 'image media type',
      details: `Bedrock accepts PNG, JPEG, GIF and WebP images, not '${mediaType || 'unknown'}'; the image was not sent.`,
    });
    return undefined;
  }
  return { image: { format, source: resolved.source } };
}

/** A document name Bedrock accepts: letters, digits, single spaces, hyphens, parentheses, brackets. */
export function documentName(filename: string | undefined, index: number): string {
  const base = (filename ?? '').replace(/\.[^.]*$/, '');
  const cleaned = base
    .replace(/[^A-Za-z0-9\s\-()[\]]/g, '-')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, 200);
  return cleaned === '' ? `document-${index}` : cleaned;
}

function toDocumentBlock(
  part: FilePart,
  index: number,
  warnings: Warning[],
): BedrockDocumentBlock | undefined {
  const format = documentFormats[part.mediaType.toLowerCase()];
  const resolved = sourceOf(part.source);
  if (format === undefined || resolved === undefined) {
    warnings.push({
      type: 'unsupported',
      feature: 'file',
      details:
        format === undefined
          ? `Bedrock documents are PDF, CSV, DOC(X), XLS(X), HTML, TXT or Markdown, not '${part.mediaType}'; the file was not sent.`
          : 'Bedrock takes documents as bytes or S3 locations, not URLs or file ids; the file was not sent.',
    });
    return undefined;
  }
  return { document: { format, name: documentName(part.filename, index), source: resolved.source } };
}

/** Numbers the documents of one request, so each gets a distinct default name. */
export interface DocumentCounter {
  next: number;
}

/** A user part as Bedrock blocks (the part, then a cache point when it is marked). */
export function toBedrockUserBlocks(
  part: UserContentPart,
  documents: DocumentCounter,
  warnings: Warning[],
): BedrockContentBlock[] {
  let block: BedrockContentBlock | undefined;
  if (part.type === 'text') block = part.text.trim() === '' ? undefined : { text: part.text };
  else if (part.type === 'image') block = toImageBlock(part, warnings);
  else block = toDocumentBlock(part, documents.next++, warnings);
  if (block === undefined) return [];
  return hasCacheMarker(part.providerOptions) ? [block, CACHE_POINT] : [block];
}

/** Parses a tool call's JSON input; Bedrock wants an object. */
export function parseToolInput(input: string): Record<string, unknown> | undefined {
  if (input.trim() === '') return {};
  try {
    const value: unknown = JSON.parse(input);
    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

/** An assistant part as Bedrock blocks; reasoning without a signature cannot be sent back. */
export function toBedrockAssistantBlocks(
  part: AssistantContentPart,
  warnings: Warning[],
): BedrockContentBlock[] {
  let block: BedrockContentBlock | undefined;
  switch (part.type) {
    case 'text':
    case 'refusal':
      block = part.text.trim() === '' ? undefined : { text: part.text };
      break;
    case 'reasoning':
      if (part.redactedData !== undefined)
        block = { reasoningContent: { redactedContent: part.redactedData } };
      else if (part.signature !== undefined)
        block = { reasoningContent: { reasoningText: { text: part.text, signature: part.signature } } };
      else if (part.text !== '')
        warnings.push({
          type: 'compatibility',
          feature: 'reasoning',
          details: 'Reasoning without a signature cannot be sent back to Bedrock; it was left out.',
        });
      break;
    case 'tool-call': {
      const input = parseToolInput(part.input);
      if (input === undefined)
        warnings.push({
          type: 'compatibility',
          feature: 'tool call input',
          details: `The input of tool call '${part.toolCallId}' is not a JSON object; it was sent as {}.`,
        });
      block = { toolUse: { toolUseId: part.toolCallId, name: part.toolName, input: input ?? {} } };
      break;
    }
  }
  if (block === undefined) return [];
  return 'providerOptions' in part && hasCacheMarker(part.providerOptions) ? [block, CACHE_POINT] : [block];
}

/** A tool result as a `toolResult` block (text, and images when the output has parts). */
export function toBedrockToolResultBlocks(part: ToolResultPart, warnings: Warning[]): BedrockContentBlock[] {
  const content: BedrockToolResultContent[] = [];
  if (typeof part.output === 'string') {
    if (part.output !== '') content.push({ text: part.output });
  } else {
    for (const item of part.output) {
      if (item.type === 'text') {
        if (item.text !== '') content.push({ text: item.text });
      } else {
        const image = toImageBlock(item, warnings);
        if (image) content.push(image);
      }
    }
  }
  const block: BedrockContentBlock = {
    toolResult: {
      toolUseId: part.toolCallId,
      content,
      ...(part.isError === true && { status: 'error' as const }),
    },
  };
  return hasCacheMarker(part.providerOptions) ? [block, CACHE_POINT] : [block];
}
