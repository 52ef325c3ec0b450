import type {
  AssistantContentPart,
  FilePart,
  ImagePart,
  TextPart,
  ToolResultPart,
  UserContentPart,
} from '../spec/v1/content-part.js';
import type { Message } from '../spec/v1/message.js';
import type { Warning } from '../spec/v1/warning.js';
import { mediaTypeToAudioFormat, toDataUrl } from './openai-media.js';
import { assignOpenAIExtras, hasOpenAIExtras } from './openai-provider-options.js';

type WireObject = Record<string, unknown>;

function textPart(part: TextPart): WireObject {
  return assignOpenAIExtras({ type: 'text', text: part.text }, part.providerOptions);
}

/** A plain string when the content is one text part with no extras (the common case); else parts. */
function textContent(parts: TextPart[]): string | WireObject[] {
  const only = parts[0];
  if (parts.length === 1 && only !== undefined && !hasOpenAIExtras(only.providerOptions)) return only.text;
  return parts.map(textPart);
}

function imagePart(part: ImagePart, warnings: Warning[]): WireObject | undefined {
  let url: string;
  switch (part.source.type) {
    case 'url':
      url = part.source.url;
      break;
    case 'base64':
      url = toDataUrl(part.mediaType ?? 'image/jpeg', part.source.data);
      break;
    default:
      warnings.push({ type: 'unsupported', feature: `image source ${part.source.type}` });
      return undefined;
  }
  const imageUrl: WireObject = { url };
  if (part.detail) imageUrl.detail = part.detail;
  return assignOpenAIExtras({ type: 'image_url', image_url: imageUrl }, part.providerOptions);
}

function decodeBase64Text(data: string): string {
  return Buffer.from(data, 'base64').toString('utf8');
}

function filePart(part: FilePart, index: number, warnings: Warning[]): WireObject | undefined {
  const { mediaType, source } = part;
  if (mediaType.startsWith('image/')) {
    return imagePart({ type: 'image', source, mediaType, providerOptions: part.providerOptions }, warnings);
  }
  if (mediaType.startsWith('audio/')) {
    if (source.type !== 'base64') {
      warnings.push({ type: 'unsupported', feature: `audio source ${source.type}` });
      return undefined;
    }
    const audio = { data: source.data, format: mediaTypeToAudioFormat(mediaType) };
    return assignOpenAIExtras({ type: 'input_audio', input_audio: audio }, part.providerOptions);
  }
  if (source.type === 'text' || (mediaType.startsWith('text/') && source.type === 'base64')) {
    const text = source.type === 'text' ? source.text : decodeBase64Text(source.data);
    return assignOpenAIExtras({ type: 'text', text }, part.providerOptions);
  }
  let file: WireObject;
  if (source.type === 'file-id') {
    file = { file_id: source.fileId };
  } else if (source.type === 'base64') {
    const extension = mediaType === 'application/pdf' ? 'pdf' : 'bin';
    file = {
      filename: part.filename ?? `part-${index}.${extension}`,
      file_data: toDataUrl(mediaType, source.data),
    };
  } else {
    warnings.push({ type: 'unsupported', feature: `file source ${source.type}`, details: mediaType });
    return undefined;
  }
  if (source.type === 'file-id' && part.filename) file.filename = part.filename;
  return assignOpenAIExtras({ type: 'file', file }, part.providerOptions);
}

function userContent(parts: UserContentPart[], warnings: Warning[]): string | WireObject[] {
  if (parts.every((part) => part.type === 'text')) return textContent(parts as TextPart[]);
  const wire: WireObject[] = [];
  parts.forEach((part, index) => {
    const converted =
      part.type === 'text'
        ? textPart(part)
        : part.type === 'image'
          ? imagePart(part, warnings)
          : filePart(part, index, warnings);
    if (converted) wire.push(converted);
  });
  return wire;
}

function assistantMessage(message: Extract<Message, { role: 'assistant' }>): WireObject {
  const texts: TextPart[] = [];
  let refusal: string | undefined;
  let toolCalls: WireObject[] | undefined;
  let functionCall: WireObject | undefined;
  for (const part of message.content as AssistantContentPart[]) {
    switch (part.type) {
      case 'text':
        texts.push(part);
        break;
      case 'refusal':
        refusal = (refusal ?? '') + part.text;
        break;
      case 'tool-call':
        if (part.providerOptions?.openai?.legacyFunctionCall === true) {
          functionCall = { name: part.toolName, arguments: part.input };
        } else {
          toolCalls ??= [];
          toolCalls.push(
            assignOpenAIExtras(
              {
                id: part.toolCallId,
                type: 'function',
                function: { name: part.toolName, arguments: part.input },
              },
              part.providerOptions,
            ),
          );
        }
        break;
      // Reasoning is not sent back: OpenAI-compatible APIs reject or ignore it in history.
    }
  }
  let content: string | WireObject[] | null;
  if (texts.length === 0) content = toolCalls || functionCall || refusal !== undefined ? null : '';
  else if (texts.some((part) => hasOpenAIExtras(part.providerOptions))) content = texts.map(textPart);
  else content = texts.map((part) => part.text).join('');
  const wire: WireObject = { role: 'assistant', content };
  if (message.name) wire.name = message.name;
  if (refusal !== undefined) wire.refusal = refusal;
  if (toolCalls) wire.tool_calls = toolCalls;
  if (functionCall) wire.function_call = functionCall;
  return assignOpenAIExtras(wire, message.providerOptions);
}

/** Text output as is; rich output as its text parts joined (parts only to keep their extras). */
function toolResultContent(part: ToolResultPart, warnings: Warning[]): string | WireObject[] {
  if (typeof part.output === 'string') return part.output;
  const texts: TextPart[] = [];
  for (const item of part.output) {
    if (item.type === 'text') texts.push(item);
    else warnings.push({ type: 'unsupported', feature: 'image in tool result', details: 'dropped' });
  }
  if (texts.some((item) => hasOpenAIExtras(item.providerOptions))) return texts.map(textPart);
  return texts.map((item) => item.text).join('\n');
}

/**
 * Converts canonical messages to OpenAI chat messages, in order. System messages become `system`
 * (or `developer` when `providerOptions.openai.role` says so), each tool result its own `tool`
 * message, reasoning in assistant history is dropped, refusals go to `refusal`; the wire fields
 * kept in `providerOptions.openai` of messages and parts are re-emitted. Dropped content is
 * reported in `warnings`.
 */
export function toOpenAIMessages(messages: readonly Message[], warnings: Warning[]): WireObject[] {
  const wire: WireObject[] = [];
  for (const message of messages) {
    switch (message.role) {
      case 'system': {
        const role = message.providerOptions?.openai?.role === 'developer' ? 'developer' : 'system';
        wire.push(
          assignOpenAIExtras({ role, content: textContent(message.content) }, message.providerOptions),
        );
        break;
      }
      case 'user': {
        const user: WireObject = { role: 'user', content: userContent(message.content, warnings) };
        if (message.name) user.name = message.name;
        wire.push(assignOpenAIExtras(user, message.providerOptions));
        break;
      }
      case 'assistant':
        wire.push(assistantMessage(message));
        break;
      case 'tool':
        for (const part of message.content) {
          const content = toolResultContent(part, warnings);
          const tool: WireObject =
            message.providerOptions?.openai?.role === 'function'
              ? { role: 'function', name: part.toolCallId, content }
              : { role: 'tool', tool_call_id: part.toolCallId, content };
          assignOpenAIExtras(tool, part.providerOptions);
          wire.push(assignOpenAIExtras(tool, message.providerOptions));
        }
        break;
    }
  }
  return wire;
}
