import type { ChatRequest, FunctionTool, Message, ResultContentPart } from '@signalbox/core';

/** What the mock model answers to a request: deterministic, from the conversation alone. */
export interface MockReply {
  content: ResultContentPart[];
  finish: 'stop' | 'tool-calls' | 'length';
}

function textOf(message: Message | undefined): string {
  if (!message) return '';
  return message.content
    .map((part) => (part.type === 'text' ? part.text : ''))
    .join(' ')
    .trim();
}

/** The id of the mock's tool call: derived from the conversation so replays are deterministic. */
function toolCallId(messages: Message[]): string {
  return `call_mock_${messages.length}`;
}

function argumentsFor(tool: FunctionTool, text: string): string {
  const properties = (tool.inputSchema.properties ?? {}) as Record<string, { type?: string }>;
  const required = Array.isArray(tool.inputSchema.required) ? (tool.inputSchema.required as string[]) : [];
  const input: Record<string, unknown> = {};
  for (const name of required.length > 0 ? required : Object.keys(properties).slice(0, 1)) {
    const type = properties[name]?.type;
    input[name] =
      type === 'number' || type === 'integer' ? 1 : type === 'boolean' ? true : (lastWord(text) ?? 'x');
  }
  return JSON.stringify(input);
}

function lastWord(text: string): string | undefined {
  return text.match(/([A-Za-z][\w-]*)\W*$/)?.[1];
}

/**
 * The mock's answer: `echo: <last user text>`; a call to the first tool when tools are given and
 * the text asks for one ("weather", or starting with "call "); `tool said: <output>` after a tool
 * result. Images are counted: `echo: <text> [1 image]`. Stop sequences cut the text.
 */
export function mockReply(request: ChatRequest): MockReply {
  const last = request.messages.at(-1);
  if (last?.role === 'tool') {
    const output = last.content
      .map((part) =>
        typeof part.output === 'string'
          ? part.output
          : part.output.map((item) => (item.type === 'text' ? item.text : '')).join(''),
      )
      .join(' ');
    return finishText(`tool said: ${output}`, request);
  }
  const lastUser = [...request.messages].reverse().find((message) => message.role === 'user');
  const text = textOf(lastUser);
  const tool = request.tools?.find((candidate): candidate is FunctionTool => candidate.type === 'function');
  const wantsTool = /\bweather\b/i.test(text) || /^call\s/i.test(text);
  if (tool && wantsTool && request.toolChoice?.type !== 'none') {
    return {
      content: [
        {
          type: 'tool-call',
          toolCallId: toolCallId(request.messages),
          toolName: tool.name,
          input: argumentsFor(tool, text),
        },
      ],
      finish: 'tool-calls',
    };
  }
  const images = lastUser?.content.filter((part) => part.type === 'image').length ?? 0;
  return finishText(
    `echo: ${text}${images > 0 ? ` [${images} image${images > 1 ? 's' : ''}]` : ''}`,
    request,
  );
}

function finishText(text: string, request: ChatRequest): MockReply {
  let reply = text;
  let finish: MockReply['finish'] = 'stop';
  for (const stop of request.stopSequences ?? []) {
    const at = reply.indexOf(stop);
    if (at >= 0) reply = reply.slice(0, at);
  }
  const words = reply.split(/(?<= )/);
  if (request.maxOutputTokens !== undefined && words.length > request.maxOutputTokens) {
    reply = words.slice(0, request.maxOutputTokens).join('');
    finish = 'length';
  }
  return { content: [{ type: 'text', text: reply }], finish };
}

/** Deterministic token counts: ~4 characters per input token, one output token per word. */
export function countInputTokens(request: ChatRequest): number {
  let chars = 0;
  for (const message of request.messages) {
    for (const part of message.content) {
      if (part.type === 'text' || part.type === 'reasoning' || part.type === 'refusal')
        chars += part.text.length;
      else if (part.type === 'tool-call') chars += part.input.length + part.toolName.length;
      else if (part.type === 'tool-result')
        chars += typeof part.output === 'string' ? part.output.length : JSON.stringify(part.output).length;
      else chars += 340; // an image or file: a flat 85 tokens
    }
  }
  for (const tool of request.tools ?? []) chars += JSON.stringify(tool).length;
  return Math.max(1, Math.ceil(chars / 4));
}

/**
 * Deterministic output token count of a result: one per word of text, about one per 4 characters
 * of tool-call input.
 */
export function countOutputTokens(content: ResultContentPart[]): number {
  let tokens = 0;
  for (const part of content) {
    if (part.type === 'tool-call') tokens += Math.ceil(part.input.length / 4) + 1;
    else if (part.type === 'text') tokens += part.text.split(/\s+/).filter(Boolean).length;
  }
  return Math.max(1, tokens);
}
