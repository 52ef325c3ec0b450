import type { Message } from '../spec/v1/message.js';
import type { Warning } from '../spec/v1/warning.js';
import { withExtras } from './anthropic-extras.js';
import {
  toAnthropicAssistantBlock,
  toAnthropicTextBlock,
  toAnthropicToolResultBlock,
  toAnthropicUserBlock,
} from './encode-anthropic-content.js';

type Block = Record<string, unknown>;

/** One entry of Anthropic's `messages`, as built for a provider request. */
export interface AnthropicWireMessage {
  role: 'user' | 'assistant';
  content: Block[];
  [key: string]: unknown;
}

/** Canonical messages split into Anthropic's `system` blocks and alternating `messages`. */
export interface AnthropicPrompt {
  system: Block[];
  messages: AnthropicWireMessage[];
}

/**
 * Converts canonical messages to Anthropic's prompt shape:
 * - every system message goes to `system` (one coming after the conversation started is moved
 *   there with a 'compatibility' warning);
 * - tool messages become user messages of `tool_result` blocks;
 * - consecutive turns of the same role are merged (Anthropic requires alternation), and in a
 *   user turn the `tool_result` blocks come first;
 * - reasoning without a signature is dropped (Anthropic rejects it), redacted reasoning becomes
 *   `redacted_thinking`, refusals become text, empty text blocks are dropped;
 * - `providerOptions.anthropic` of messages, parts and tools is re-emitted in wire spelling.
 */
export function toAnthropicPrompt(messages: readonly Message[], warnings: Warning[]): AnthropicPrompt {
  const system: Block[] = [];
  const out: AnthropicWireMessage[] = [];
  let conversationStarted = false;
  let movedSystem = false;
  let droppedName = false;
  for (const message of messages) {
    if (message.role === 'system') {
      if (conversationStarted && !movedSystem) {
        movedSystem = true;
        warnings.push({
          type: 'compatibility',
          feature: 'system message inside the conversation',
          details: 'Anthropic takes system instructions only in `system`; the message was moved there.',
        });
      }
      for (const part of message.content) {
        const block = toAnthropicTextBlock(part);
        if (!isEmptyText(block)) system.push(block);
      }
      continue;
    }
    conversationStarted = true;
    if (message.role !== 'tool' && message.name !== undefined && !droppedName) {
      droppedName = true;
      warnings.push({ type: 'unsupported', feature: 'message name' });
    }
    const content: Block[] = [];
    switch (message.role) {
      case 'user':
        for (const part of message.content) push(content, toAnthropicUserBlock(part, warnings));
        break;
      case 'assistant':
        for (const part of message.content) push(content, toAnthropicAssistantBlock(part, 'drop', warnings));
        break;
      case 'tool':
        for (const part of message.content) content.push(toAnthropicToolResultBlock(part, warnings));
        break;
    }
    if (content.length === 0) continue;
    const role = message.role === 'assistant' ? 'assistant' : 'user';
    const last = out[out.length - 1];
    if (last !== undefined && last.role === role) {
      for (const block of content) last.content.push(block);
      withExtras(last, message.providerOptions);
    } else {
      out.push(withExtras<AnthropicWireMessage>({ role, content }, message.providerOptions));
    }
  }
  for (const message of out) {
    if (message.role === 'user') message.content = toolResultsFirst(message.content);
  }
  return { system, messages: out };
}

function push(content: Block[], block: Block | undefined): void {
  if (block !== undefined && !isEmptyText(block)) content.push(block);
}

function isEmptyText(block: Block): boolean {
  return block.type === 'text' && block.text === '';
}

/** Reorders a user turn so that its `tool_result` blocks come first (stable); no copy when already so. */
function toolResultsFirst(content: Block[]): Block[] {
  let seenOther = false;
  let needed = false;
  for (const block of content) {
    if (block.type !== 'tool_result') seenOther = true;
    else if (seenOther) {
      needed = true;
      break;
    }
  }
  if (!needed) return content;
  const results = content.filter((block) => block.type === 'tool_result');
  for (const block of content) if (block.type !== 'tool_result') results.push(block);
  return results;
}

/**
 * True when the conversation is in the middle of a tool-use loop whose last assistant turn has
 * tool calls but does not start with a (signed) thinking block: Anthropic then rejects a request
 * with thinking enabled, which happens when the earlier turns came from another provider.
 */
export function lacksThinkingForToolLoop(messages: readonly AnthropicWireMessage[]): boolean {
  const last = messages[messages.length - 1];
  const previous = messages[messages.length - 2];
  if (last?.role !== 'user' || previous?.role !== 'assistant') return false;
  if (last.content[0]?.type !== 'tool_result') return false;
  const first = previous.content[0]?.type;
  if (first === 'thinking' || first === 'redacted_thinking') return false;
  return previous.content.some((block) => block.type === 'tool_use');
}
