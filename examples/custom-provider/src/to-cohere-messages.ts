import type { FilePart, ImagePart, Message, TextPart, ToolResultPart, Warning } from '@signalbox/core';
import type {
  CohereDocument,
  CohereImageContent,
  CohereMessage,
  CohereTextContent,
  CohereToolCall,
} from './cohere-wire-types.js';

/** Adds a warning unless one for the same feature is already there. */
export function warnOnce(warnings: Warning[], warning: Warning): void {
  const feature = 'feature' in warning ? warning.feature : undefined;
  if (feature !== undefined && warnings.some((known) => 'feature' in known && known.feature === feature))
    return;
  warnings.push(warning);
}

function textContent(parts: string[]): string | CohereTextContent[] {
  if (parts.length === 1) return parts[0] ?? '';
  return parts.map((text) => ({ type: 'text', text }));
}

function isTextMediaType(mediaType: string): boolean {
  return mediaType.startsWith('text/') || mediaType === 'application/json';
}

function imageContent(part: ImagePart, warnings: Warning[]): CohereImageContent | undefined {
  const { source } = part;
  let url: string;
  if (source.type === 'url') url = source.url;
  else if (source.type === 'base64') url = `data:${part.mediaType ?? 'image/png'};base64,${source.data}`;
  else {
    warnOnce(warnings, {
      type: 'unsupported',
      feature: `image source ${source.type}`,
      details: 'Cohere takes images as http(s) or data URLs; the image was left out',
    });
    return undefined;
  }
  const image: CohereImageContent = { type: 'image_url', image_url: { url } };
  if (part.detail !== undefined) image.image_url.detail = part.detail;
  return image;
}

/** A text file becomes a Cohere document; other files (PDF, audio...) cannot be sent. */
function documentOf(part: FilePart, warnings: Warning[]): CohereDocument | undefined {
  const { source, mediaType } = part;
  let text: string | undefined;
  if (source.type === 'text') text = source.text;
  else if (source.type === 'base64' && isTextMediaType(mediaType))
    text = Buffer.from(source.data, 'base64').toString('utf8');
  if (text === undefined) {
    warnOnce(warnings, {
      type: 'unsupported',
      feature: `file ${mediaType}`,
      details:
        'Cohere accepts text documents only (text/*, application/json, given inline); the file was left out',
    });
    return undefined;
  }
  return { data: part.filename === undefined ? { text } : { text, title: part.filename } };
}

function userMessage(
  content: Array<TextPart | ImagePart | FilePart>,
  documents: CohereDocument[],
  warnings: Warning[],
): CohereMessage {
  const items: Array<CohereTextContent | CohereImageContent> = [];
  for (const part of content) {
    if (part.type === 'text') items.push({ type: 'text', text: part.text });
    else if (part.type === 'image') {
      const image = imageContent(part, warnings);
      if (image) items.push(image);
    } else {
      const document = documentOf(part, warnings);
      if (document) documents.push(document);
    }
  }
  const only = items[0];
  if (items.length === 1 && only?.type === 'text') return { role: 'user', content: only.text };
  return { role: 'user', content: items };
}

function toolMessage(part: ToolResultPart, warnings: Warning[]): CohereMessage {
  if (part.isError) {
    warnOnce(warnings, {
      type: 'compatibility',
      feature: 'tool-result isError',
      details: 'Cohere has no error flag on tool results; the output was sent as a plain result',
    });
  }
  if (typeof part.output === 'string')
    return { role: 'tool', tool_call_id: part.toolCallId, content: part.output };
  const texts: string[] = [];
  for (const item of part.output) {
    if (item.type === 'text') texts.push(item.text);
    else
      warnOnce(warnings, {
        type: 'unsupported',
        feature: 'image in tool result',
        details: 'Cohere tool results are text; the image was left out',
      });
  }
  return {
    role: 'tool',
    tool_call_id: part.toolCallId,
    content: textContent(texts.length > 0 ? texts : ['']),
  };
}

function assistantMessage(
  message: Extract<Message, { role: 'assistant' }>,
  warnings: Warning[],
): CohereMessage {
  const texts: string[] = [];
  const toolCalls: CohereToolCall[] = [];
  for (const part of message.content) {
    if (part.type === 'text' || part.type === 'refusal') texts.push(part.text);
    else if (part.type === 'tool-call')
      toolCalls.push({
        id: part.toolCallId,
        type: 'function',
        function: { name: part.toolName, arguments: part.input.trim() === '' ? '{}' : part.input },
      });
    else
      warnOnce(warnings, {
        type: 'compatibility',
        feature: 'reasoning',
        details: 'reasoning from earlier assistant turns is not sent to Cohere',
      });
  }
  if (toolCalls.length === 0)
    return { role: 'assistant', content: textContent(texts.length > 0 ? texts : ['']) };
  // Text that came with tool calls is Cohere's tool plan (what `fromCohereResponse` maps it to).
  const plan = texts.join('');
  return plan === ''
    ? { role: 'assistant', tool_calls: toolCalls }
    : { role: 'assistant', tool_plan: plan, tool_calls: toolCalls };
}

/**
 * Canonical messages as Cohere v2 `messages`, in order:
 *
 * - `system` -> a `system` message (several text parts stay separate content items);
 * - `user` -> text and `image_url` items (base64 images as data URLs, `detail` kept), a single
 *   text as a plain string; text files (`text/*`, JSON) move to the request's `documents`;
 * - `assistant` -> `content`, or `tool_plan` + `tool_calls` when it called tools (the text that
 *   came with the calls is the plan); reasoning is not sent;
 * - `tool` -> one `tool` message per result, with its `tool_call_id`.
 *
 * What Cohere cannot take (PDF and audio files, images by file id, images in tool results,
 * message names, error flags on tool results) is left out with a warning, once per feature.
 */
export function toCohereMessages(
  messages: Message[],
  warnings: Warning[],
): { messages: CohereMessage[]; documents: CohereDocument[] } {
  const result: CohereMessage[] = [];
  const documents: CohereDocument[] = [];
  for (const message of messages) {
    if ('name' in message && message.name !== undefined)
      warnOnce(warnings, {
        type: 'unsupported',
        feature: 'message name',
        details: 'Cohere messages have no name',
      });
    switch (message.role) {
      case 'system':
        result.push({ role: 'system', content: textContent(message.content.map((part) => part.text)) });
        break;
      case 'user':
        result.push(userMessage(message.content, documents, warnings));
        break;
      case 'assistant':
        result.push(assistantMessage(message, warnings));
        break;
      case 'tool':
        for (const part of message.content) result.push(toolMessage(part, warnings));
        break;
    }
  }
  return { messages: result, documents };
}
