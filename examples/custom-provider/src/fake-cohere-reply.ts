import type { FakeCohereRequest } from './fake-cohere-validate.js';

type Message = FakeCohereRequest['messages'][number];

/** The fake model's deterministic answer. */
export type FakeReply =
  | { type: 'text'; text: string; finishReason: 'COMPLETE' | 'MAX_TOKENS' | 'STOP_SEQUENCE' }
  | { type: 'tool-call'; plan: string; toolName: string; arguments: string };

/** A stream event and what it is for the stream faults (`drop-<n>` counts content, `truncate` skips final). */
export interface FakeStreamEvent {
  kind: 'meta' | 'content' | 'final';
  data: Record<string, unknown> & { type: string };
}

function textOf(content: Message['content']): string {
  if (content === undefined) return '';
  if (typeof content === 'string') return content;
  return content.map((item) => (item.type === 'text' ? item.text : '')).join(' ');
}

/** One piece per word with its leading whitespace: joined, the pieces give the text back. */
export function splitWords(text: string): string[] {
  return text.match(/\s*\S+|\s+$/g) ?? [];
}

function valueFor(schema: unknown): unknown {
  const node = typeof schema === 'object' && schema !== null ? (schema as Record<string, unknown>) : {};
  if (Array.isArray(node.enum) && node.enum.length > 0) return node.enum[0];
  if (node.type === 'number' || node.type === 'integer') return 1;
  if (node.type === 'boolean') return true;
  if (node.type === 'array') return [];
  if (node.type === 'object') return argumentsFor(node);
  return 'Paris';
}

/** Arguments from a JSON Schema: each required property (or the first one) gets a value; strings are `"Paris"`. */
export function argumentsFor(schema: unknown): Record<string, unknown> {
  const node = typeof schema === 'object' && schema !== null ? (schema as Record<string, unknown>) : {};
  const properties =
    typeof node.properties === 'object' && node.properties !== null
      ? (node.properties as Record<string, unknown>)
      : {};
  const required = Array.isArray(node.required)
    ? node.required.filter((name): name is string => typeof name === 'string')
    : Object.keys(properties).slice(0, 1);
  return Object.fromEntries(required.map((name) => [name, valueFor(properties[name])]));
}

function limitText(text: string, request: FakeCohereRequest): FakeReply {
  let cut = text;
  let stopped = false;
  for (const sequence of request.stop_sequences ?? []) {
    const at = sequence === '' ? -1 : cut.indexOf(sequence);
    if (at >= 0) {
      cut = cut.slice(0, at);
      stopped = true;
    }
  }
  const words = splitWords(cut);
  const max = request.max_tokens;
  if (max !== undefined && words.length > max)
    return { type: 'text', text: words.slice(0, max).join(''), finishReason: 'MAX_TOKENS' };
  return { type: 'text', text: cut, finishReason: stopped ? 'STOP_SEQUENCE' : 'COMPLETE' };
}

/**
 * The fake model: `tool said: <outputs>` when the conversation ends with tool results; a call to
 * the first tool when tools are offered (not with `tool_choice: NONE`) and the last user text
 * mentions "weather" or starts with `call <name>`, or `tool_choice` is `REQUIRED`; otherwise
 * `echo: <last user text>` with ` [n image(s)]`. Stop sequences and `max_tokens` (in words) apply.
 */
export function decideReply(request: FakeCohereRequest): FakeReply {
  const { messages } = request;
  const trailingTools: string[] = [];
  for (let index = messages.length - 1; messages[index]?.role === 'tool'; index -= 1)
    trailingTools.unshift(textOf(messages[index]?.content));
  if (trailingTools.length > 0) return limitText(`tool said: ${trailingTools.join(', ')}`, request);

  const lastUser = messages.findLast((message) => message.role === 'user');
  const text = textOf(lastUser?.content).trim();
  const tools = request.tools ?? [];
  if (tools.length > 0 && request.tool_choice !== 'NONE') {
    const called = /^call\s+([\w-]+)/i.exec(text)?.[1];
    if (request.tool_choice === 'REQUIRED' || called !== undefined || /\bweather\b/i.test(text)) {
      const tool = tools.find((item) => item.function.name === called) ?? tools[0];
      if (tool) {
        const name = tool.function.name;
        return {
          type: 'tool-call',
          plan: `I will use ${name} to answer this.`,
          toolName: name,
          arguments: JSON.stringify(argumentsFor(tool.function.parameters)),
        };
      }
    }
  }
  const images =
    lastUser && Array.isArray(lastUser.content)
      ? lastUser.content.filter((item) => item.type === 'image_url').length
      : 0;
  const suffix = images > 0 ? ` [${images} image${images > 1 ? 's' : ''}]` : '';
  return limitText(`echo: ${text}${suffix}`, request);
}

/** Input tokens: one per 4 characters of the prompt's JSON, rounded up. */
export function promptTokens(request: FakeCohereRequest): number {
  return Math.ceil(JSON.stringify({ messages: request.messages, tools: request.tools ?? [] }).length / 4);
}

function usageOf(reply: FakeReply, inputTokens: number) {
  const outputTokens = splitWords(
    reply.type === 'text' ? reply.text : `${reply.plan} ${reply.arguments}`,
  ).length;
  return {
    billed_units: { input_tokens: inputTokens, output_tokens: outputTokens },
    tokens: { input_tokens: inputTokens, output_tokens: outputTokens },
    cached_tokens: 0,
  };
}

function finishReasonOf(reply: FakeReply): string {
  return reply.type === 'text' ? reply.finishReason : 'TOOL_CALL';
}

/** The call id Cohere would give: `<tool name>_<12 characters>`. */
export function toolCallIdFor(reply: Extract<FakeReply, { type: 'tool-call' }>, responseId: string): string {
  return `${reply.toolName}_${responseId.replaceAll('-', '').slice(-12)}`;
}

/** The non-streamed answer: `{id, finish_reason, message, usage}`. */
export function cohereChatResponse(
  reply: FakeReply,
  id: string,
  inputTokens: number,
): Record<string, unknown> {
  const message =
    reply.type === 'text'
      ? { role: 'assistant', content: [{ type: 'text', text: reply.text }] }
      : {
          role: 'assistant',
          tool_plan: reply.plan,
          tool_calls: [
            {
              id: toolCallIdFor(reply, id),
              type: 'function',
              function: { name: reply.toolName, arguments: reply.arguments },
            },
          ],
        };
  return { id, finish_reason: finishReasonOf(reply), message, usage: usageOf(reply, inputTokens) };
}

/**
 * The streamed answer as Cohere sends it: `message-start`; `content-start`, a `content-delta` per
 * word and `content-end` for text; `tool-plan-delta` per word, then `tool-call-start`,
 * `tool-call-delta`s of the arguments and `tool-call-end` for a tool call; `message-end` with the
 * finish reason and usage.
 */
export function cohereStreamEvents(reply: FakeReply, id: string, inputTokens: number): FakeStreamEvent[] {
  const events: FakeStreamEvent[] = [
    {
      kind: 'meta',
      data: {
        id,
        type: 'message-start',
        delta: { message: { role: 'assistant', content: [], tool_plan: '', tool_calls: [], citations: [] } },
      },
    },
  ];
  if (reply.type === 'text') {
    const start = {
      type: 'content-start',
      index: 0,
      delta: { message: { content: { type: 'text', text: '' } } },
    };
    events.push({ kind: 'meta', data: start });
    for (const word of splitWords(reply.text)) {
      const delta = { type: 'content-delta', index: 0, delta: { message: { content: { text: word } } } };
      events.push({ kind: 'content', data: delta });
    }
    events.push({ kind: 'meta', data: { type: 'content-end', index: 0 } });
  } else {
    for (const word of splitWords(reply.plan))
      events.push({
        kind: 'content',
        data: { type: 'tool-plan-delta', delta: { message: { tool_plan: word } } },
      });
    const call = {
      id: toolCallIdFor(reply, id),
      type: 'function',
      function: { name: reply.toolName, arguments: '' },
    };
    events.push({
      kind: 'meta',
      data: { type: 'tool-call-start', index: 0, delta: { message: { tool_calls: call } } },
    });
    for (let at = 0; at < reply.arguments.length; at += 8) {
      const piece = reply.arguments.slice(at, at + 8);
      const delta = { message: { tool_calls: { function: { arguments: piece } } } };
      events.push({ kind: 'content', data: { type: 'tool-call-delta', index: 0, delta } });
    }
    events.push({ kind: 'meta', data: { type: 'tool-call-end', index: 0 } });
  }
  const end = { finish_reason: finishReasonOf(reply), usage: usageOf(reply, inputTokens) };
  events.push({ kind: 'final', data: { type: 'message-end', delta: end } });
  return events;
}
