import type { ChatRequest } from '@signalbox/core';

/** What the token approximations are computed from. */
export interface RequestSize {
  /** Characters of text: message text, reasoning, tool calls and results, tool definitions. */
  characters: number;
  messages: number;
  /** Images and files (each counted as `TOKENS_PER_MEDIA_MAX` at most). */
  media: number;
}

/** Tokens an image or file may cost at most, for upper bounds (Anthropic caps an image at ~1,600). */
export const TOKENS_PER_MEDIA_MAX = 1600;
/** Tokens an image costs at least (OpenAI's low-detail image). */
export const TOKENS_PER_MEDIA_MIN = 85;
/** Tokens the chat format adds per message (role markers), as OpenAI counts them. */
export const TOKENS_PER_MESSAGE = 4;

/** Measures a request's content for the approximations. */
export function measureRequest(request: ChatRequest): RequestSize {
  let characters = 0;
  let media = 0;
  for (const message of request.messages) {
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
              else media += 1;
            }
          }
          break;
        default:
          media += 1;
      }
    }
  }
  for (const tool of request.tools ?? []) characters += JSON.stringify(tool).length;
  return { characters, messages: request.messages.length, media };
}

/** Input images of a request (for per-image prices). */
export function countImages(request: ChatRequest): number {
  let images = 0;
  for (const message of request.messages) {
    for (const part of message.content) if (part.type === 'image') images += 1;
  }
  return images;
}

/**
 * The usual approximation of input tokens, and the one budgets reserve by: one token per
 * `charactersPerToken` characters (4 for English text), plus `TOKENS_PER_MESSAGE` per message and
 * `TOKENS_PER_MEDIA_MAX` per image or file.
 */
export function approximateInputTokens(size: RequestSize, charactersPerToken = 4): number {
  return (
    Math.ceil(size.characters / charactersPerToken) +
    TOKENS_PER_MESSAGE * size.messages +
    TOKENS_PER_MEDIA_MAX * size.media
  );
}

/**
 * Bounds of the input tokens when no tokenizer is at hand: at least one token per 6 characters
 * (long English words) and `TOKENS_PER_MEDIA_MIN` per image or file; at most one per 2 characters
 * (code, numbers, most non-Latin scripts) plus the per-message overhead and
 * `TOKENS_PER_MEDIA_MAX` per image or file. Text of one token per character or worse (some CJK
 * text) can exceed the upper bound.
 */
export function approximateInputBounds(size: RequestSize): { min: number; max: number } {
  return {
    min: Math.ceil(size.characters / 6) + TOKENS_PER_MEDIA_MIN * size.media,
    max:
      Math.ceil(size.characters / 2) +
      TOKENS_PER_MESSAGE * size.messages +
      3 +
      TOKENS_PER_MEDIA_MAX * size.media,
  };
}

/** Output tokens for output text seen (a stream cut before its usage arrived). */
export function approximateOutputTokens(characters: number, charactersPerToken = 4): number {
  return Math.ceil(characters / charactersPerToken);
}
