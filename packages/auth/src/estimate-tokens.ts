import type { ChatRequest, Message } from '@signalbox/core';

/** Tokens counted for each image or file part (a tile's worth; content is not decoded). */
const ATTACHMENT_TOKENS = 765;

/** What a prompt holds so far: characters of text, and images or files. */
interface Tally {
  characters: number;
  attachments: number;
}

/** Adds a message's parts to the tally (one tally per request, not an object per message). */
function countMessage(message: Message, tally: Tally): void {
  let characters = 0;
  let attachments = 0;
  for (const part of message.content) {
    switch (part.type) {
      case 'text':
      case 'reasoning':
      case 'refusal':
        characters += part.text.length;
        break;
      case 'tool-call':
        characters += part.toolName.length + part.input.length;
        break;
      case 'tool-result':
        if (typeof part.output === 'string') characters += part.output.length;
        else {
          for (const item of part.output) {
            if (item.type === 'text') characters += item.text.length;
            else attachments += 1;
          }
        }
        break;
      default:
        attachments += 1;
    }
  }
  tally.characters += characters;
  tally.attachments += attachments;
}

/** The prompt's tokens, estimated as characters / 4 (plus a fixed count per image or file). */
export function estimateInputTokens(request: ChatRequest): number {
  const tally: Tally = { characters: 0, attachments: 0 };
  for (const message of request.messages) {
    countMessage(message, tally);
    tally.characters += 4; // role and separators
  }
  if (request.tools) for (const tool of request.tools) tally.characters += JSON.stringify(tool).length;
  return Math.ceil(tally.characters / 4) + tally.attachments * ATTACHMENT_TOKENS;
}

/**
 * Tokens to reserve before a call: the prompt estimate plus the output the request may produce
 * (`maxOutputTokens`, else `defaultMaxOutputTokens`), times `n` choices.
 */
export function estimateRequestTokens(request: ChatRequest, defaultMaxOutputTokens: number): number {
  const output = request.maxOutputTokens ?? defaultMaxOutputTokens;
  return estimateInputTokens(request) + output * Math.max(1, request.n ?? 1);
}
