import type {
  AssistantContentPart,
  FilePart,
  ImagePart,
  TextPart,
  ToolResultPart,
  UserContentPart,
} from '../spec/v1/content-part.js';
import type { Message } from '../spec/v1/message.js';
import type { ProviderOptions } from '../spec/v1/provider-options.js';
import type {
  OpenAIChatMessage,
  OpenAITextPart,
  OpenAIUserContentPart,
} from './openai-chat-request-schema.js';
import { audioFormatToMediaType, mediaTypeFromFilename, parseDataUrl } from './openai-media.js';
import { collectExtras, openaiProviderOptions, partProviderOptions } from './openai-provider-options.js';

const textPartKeys = new Set(['type', 'text']);
const imagePartKeys = new Set(['type', 'image_url']);
const audioPartKeys = new Set(['type', 'input_audio']);
const filePartKeys = new Set(['type', 'file']);
const toolCallKeys = new Set(['id', 'type', 'function']);
const systemKeys = new Set(['role', 'content']);
const userKeys = new Set(['role', 'content', 'name']);
const assistantKeys = new Set([
  'role',
  'content',
  'name',
  'refusal',
  'tool_calls',
  'function_call',
  'reasoning',
  'reasoning_content',
]);
const toolKeys = new Set(['role', 'content', 'tool_call_id']);
const functionKeys = new Set(['role', 'content', 'name']);

function withOptions<T extends object>(value: T, providerOptions: ProviderOptions | undefined): T {
  if (providerOptions !== undefined)
    (value as T & { providerOptions: ProviderOptions }).providerOptions = providerOptions;
  return value;
}

function textPart(part: OpenAITextPart): TextPart {
  return withOptions<TextPart>(
    { type: 'text', text: part.text },
    partProviderOptions(collectExtras(part, textPartKeys)),
  );
}

function textParts(content: string | OpenAITextPart[]): TextPart[] {
  return typeof content === 'string' ? [{ type: 'text', text: content }] : content.map(textPart);
}

function userPart(part: OpenAIUserContentPart): UserContentPart {
  switch (part.type) {
    case 'text':
      return textPart(part);
    case 'image_url': {
      const url = part.image_url.url;
      const data = parseDataUrl(url);
      const image: ImagePart = data
        ? { type: 'image', source: { type: 'base64', data: data.data }, mediaType: data.mediaType }
        : { type: 'image', source: { type: 'url', url } };
      if (part.image_url.detail) image.detail = part.image_url.detail;
      return withOptions(image, partProviderOptions(collectExtras(part, imagePartKeys)));
    }
    case 'input_audio':
      return withOptions<FilePart>(
        {
          type: 'file',
          source: { type: 'base64', data: part.input_audio.data },
          mediaType: audioFormatToMediaType(part.input_audio.format),
        },
        partProviderOptions(collectExtras(part, audioPartKeys)),
      );
    case 'file': {
      const { file_data: fileData, file_id: fileId, filename } = part.file;
      let file: FilePart;
      if (fileData) {
        const data = parseDataUrl(fileData);
        file = data
          ? { type: 'file', source: { type: 'base64', data: data.data }, mediaType: data.mediaType }
          : {
              type: 'file',
              source: { type: 'base64', data: fileData },
              mediaType: mediaTypeFromFilename(filename, 'application/pdf'),
            };
      } else {
        file = {
          type: 'file',
          source: { type: 'file-id', fileId: fileId ?? '' },
          mediaType: mediaTypeFromFilename(filename, 'application/octet-stream'),
        };
      }
      if (filename) file.filename = filename;
      return withOptions(file, partProviderOptions(collectExtras(part, filePartKeys)));
    }
  }
}

function assistantContent(
  message: Extract<OpenAIChatMessage, { role: 'assistant' }>,
): AssistantContentPart[] {
  const content: AssistantContentPart[] = [];
  const reasoning = message.reasoning ?? message.reasoning_content;
  if (reasoning) content.push({ type: 'reasoning', text: reasoning });
  if (typeof message.content === 'string') {
    if (message.content !== '') content.push({ type: 'text', text: message.content });
  } else if (message.content) {
    for (const part of message.content) {
      if (part.type === 'refusal') content.push({ type: 'refusal', text: part.refusal });
      else if (part.text !== '') content.push(textPart(part));
    }
  }
  if (message.refusal) content.push({ type: 'refusal', text: message.refusal });
  if (message.tool_calls) {
    for (const call of message.tool_calls) {
      content.push(
        withOptions(
          {
            type: 'tool-call',
            toolCallId: call.id,
            toolName: call.function.name,
            input: call.function.arguments,
          },
          openaiProviderOptions(collectExtras(call, toolCallKeys)),
        ),
      );
    }
  }
  if (message.function_call) {
    const { name, arguments: input } = message.function_call;
    content.push({
      type: 'tool-call',
      toolCallId: name,
      toolName: name,
      input,
      providerOptions: { openai: { legacyFunctionCall: true } },
    });
  }
  return content;
}

/**
 * Converts one OpenAI chat message to a canonical message. `developer` becomes `system` with
 * `providerOptions.openai.role = 'developer'`; the deprecated `function` message becomes a tool
 * result whose id is the function name (as its `function_call` is decoded); fields the canonical
 * model has no slot for go into the message's or part's `providerOptions.openai`.
 */
export function decodeOpenAIMessage(message: OpenAIChatMessage): Message {
  switch (message.role) {
    case 'system':
    case 'developer': {
      const extras = collectExtras(message, systemKeys);
      const providerOptions =
        message.role === 'developer'
          ? { openai: { ...extras, role: 'developer' } }
          : openaiProviderOptions(extras);
      return withOptions<Message>({ role: 'system', content: textParts(message.content) }, providerOptions);
    }
    case 'user': {
      const content =
        typeof message.content === 'string'
          ? [{ type: 'text' as const, text: message.content }]
          : message.content.map(userPart);
      const decoded: Message = { role: 'user', content };
      if (message.name) decoded.name = message.name;
      return withOptions(decoded, openaiProviderOptions(collectExtras(message, userKeys)));
    }
    case 'assistant': {
      const decoded: Message = { role: 'assistant', content: assistantContent(message) };
      if (message.name) decoded.name = message.name;
      return withOptions(decoded, openaiProviderOptions(collectExtras(message, assistantKeys)));
    }
    case 'tool': {
      const result: ToolResultPart = {
        type: 'tool-result',
        toolCallId: message.tool_call_id,
        output: typeof message.content === 'string' ? message.content : message.content.map(textPart),
      };
      return withOptions<Message>(
        { role: 'tool', content: [result] },
        openaiProviderOptions(collectExtras(message, toolKeys)),
      );
    }
    case 'function': {
      const result: ToolResultPart = {
        type: 'tool-result',
        toolCallId: message.name,
        output: message.content ?? '',
      };
      const extras = collectExtras(message, functionKeys);
      return {
        role: 'tool',
        content: [result],
        providerOptions: { openai: { ...extras, role: 'function' } },
      };
    }
  }
}
