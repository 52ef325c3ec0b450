import type { Message, Warning } from '@signalbox/core';
import type { BedrockContentBlock, BedrockMessage, BedrockSystemBlock } from './bedrock-wire-types.js';
import {
  CACHE_POINT,
  type DocumentCounter,
  hasCacheMarker,
  toBedrockAssistantBlocks,
  toBedrockToolResultBlocks,
  toBedrockUserBlocks,
} from './to-bedrock-content.js';

/** Canonical messages split into Converse's `system` blocks and alternating `messages`. */
export interface BedrockPrompt {
  system: BedrockSystemBlock[];
  messages: BedrockMessage[];
}

/**
 * Tool results answer the previous turn's calls: Bedrock wants them before other user content.
 * A cache point stays right after the block it followed.
 */
function toolResultsFirst(content: BedrockContentBlock[]): BedrockContentBlock[] {
  const results: BedrockContentBlock[] = [];
  const others: BedrockContentBlock[] = [];
  let target = others;
  for (const block of content) {
    if ('toolResult' in block) target = results;
    else if (!('cachePoint' in block)) target = others;
    target.push(block);
  }
  return results.length === 0 ? content : [...results, ...others];
}

/**
 * Converts canonical messages to the Converse prompt:
 * - every system message goes to `system` (one after the conversation started is moved there
 *   with a 'compatibility' warning);
 * - tool messages become user turns of `toolResult` blocks; consecutive turns of the same role
 *   are merged (Converse requires alternation), tool results first in a user turn;
 * - images as bytes or S3 locations (an HTTP URL is an 'unsupported' warning), documents with
 *   a Bedrock-safe name, tool calls as `toolUse` with an object input, signed reasoning as
 *   `reasoningContent`; blank text is dropped (Bedrock rejects it);
 * - an Anthropic `cache_control` marker on a part or a message becomes a `cachePoint` after it.
 */
export function toBedrockPrompt(messages: readonly Message[], warnings: Warning[]): BedrockPrompt {
  const system: BedrockSystemBlock[] = [];
  const out: BedrockMessage[] = [];
  const documents: DocumentCounter = { next: 1 };
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
          details: 'Bedrock takes system instructions only in `system`; the message was moved there.',
        });
      }
      for (const part of message.content) {
        if (part.text.trim() !== '') system.push({ text: part.text });
        if (hasCacheMarker(part.providerOptions)) system.push(CACHE_POINT);
      }
      if (hasCacheMarker(message.providerOptions) && system.at(-1) !== CACHE_POINT) system.push(CACHE_POINT);
      continue;
    }
    conversationStarted = true;
    if (message.role !== 'tool' && message.name !== undefined && !droppedName) {
      droppedName = true;
      warnings.push({ type: 'unsupported', feature: 'message name' });
    }
    const content: BedrockContentBlock[] = [];
    switch (message.role) {
      case 'user':
        for (const part of message.content) content.push(...toBedrockUserBlocks(part, documents, warnings));
        break;
      case 'assistant':
        for (const part of message.content) content.push(...toBedrockAssistantBlocks(part, warnings));
        break;
      case 'tool':
        for (const part of message.content) content.push(...toBedrockToolResultBlocks(part, warnings));
        break;
    }
    if (hasCacheMarker(message.providerOptions) && content.length > 0 && content.at(-1) !== CACHE_POINT)
      content.push(CACHE_POINT);
    if (content.length === 0) continue;
    const role = message.role === 'assistant' ? 'assistant' : 'user';
    const last = out.at(-1);
    if (last !== undefined && last.role === role) last.content.push(...content);
    else out.push({ role, content });
  }
  for (const message of out) if (message.role === 'user') message.content = toolResultsFirst(message.content);
  return { system, messages: out };
}
