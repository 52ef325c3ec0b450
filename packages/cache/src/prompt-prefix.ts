import type { ChatRequest, ContentPart, Message } from '@signalbox/core';

/** The parts of a prompt that repeat from one request to the next: the providers' cacheable prefix. */
export interface StaticPrefix {
  tools: NonNullable<ChatRequest['tools']>;
  system: Message[];
  /** Conversation turns before the final one (the final user turn, and an assistant prefill after it). */
  earlier: Message[];
  /** Index in `request.messages` of the last earlier turn, or -1 when there is none. */
  lastEarlierIndex: number;
}

/**
 * Index of the first message of the final turn: trailing assistant messages (a prefill), then the
 * user and tool messages before them. Everything before it is the conversation so far.
 */
export function finalTurnStart(messages: readonly Message[]): number {
  let index = messages.length;
  while (index > 0 && messages[index - 1]?.role === 'assistant') index -= 1;
  while (index > 0 && (messages[index - 1]?.role === 'user' || messages[index - 1]?.role === 'tool'))
    index -= 1;
  return index;
}

/** The static prefix of a request: its tools, its system messages and the earlier turns. */
export function staticPrefix(request: ChatRequest): StaticPrefix {
  const start = finalTurnStart(request.messages);
  const system: Message[] = [];
  const earlier: Message[] = [];
  let lastEarlierIndex = -1;
  request.messages.forEach((message, index) => {
    if (message.role === 'system') system.push(message);
    else if (index < start) {
      earlier.push(message);
      lastEarlierIndex = index;
    }
  });
  return { tools: request.tools ?? [], system, earlier, lastEarlierIndex };
}

/** Whether there is anything to cache before the final turn. */
export function hasStaticPrefix(prefix: StaticPrefix): boolean {
  return prefix.tools.length > 0 || prefix.system.length > 0 || prefix.earlier.length > 0;
}

function partCharacters(part: ContentPart): number {
  switch (part.type) {
    case 'text':
    case 'reasoning':
    case 'refusal':
      return part.text.length;
    case 'tool-call':
      return part.input.length + part.toolName.length;
    case 'tool-result':
      return typeof part.output === 'string' ? part.output.length : JSON.stringify(part.output).length;
    default:
      // An image or a file: a flat ~85 tokens, as the providers' low-detail images.
      return 340;
  }
}

/** Rough token count (4 characters a token) of messages. */
export function estimateMessageTokens(messages: readonly Message[]): number {
  let characters = 0;
  for (const message of messages) for (const part of message.content) characters += partCharacters(part);
  return Math.ceil(characters / 4);
}

/** Rough token count of the whole static prefix (tools as JSON, system, earlier turns). */
export function estimatePrefixTokens(prefix: StaticPrefix): number {
  const toolCharacters = prefix.tools.length > 0 ? JSON.stringify(prefix.tools).length : 0;
  return (
    Math.ceil(toolCharacters / 4) +
    estimateMessageTokens(prefix.system) +
    estimateMessageTokens(prefix.earlier)
  );
}
