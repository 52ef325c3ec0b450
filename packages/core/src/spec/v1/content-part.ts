import type { DataSource } from './data-source.js';
import type { ProviderOptions } from './provider-options.js';

/** Plain text. */
export interface TextPart {
  type: 'text';
  text: string;
  providerOptions?: ProviderOptions;
}

/** An image, inline (base64) or by URL. `mediaType` is known for base64 data and data URLs. */
export interface ImagePart {
  type: 'image';
  source: DataSource;
  mediaType?: string;
  /** OpenAI `image_url.detail`. */
  detail?: 'auto' | 'low' | 'high';
  providerOptions?: ProviderOptions;
}

/** A document or other file (PDF, plain text, audio). */
export interface FilePart {
  type: 'file';
  source: DataSource;
  mediaType: string;
  filename?: string;
  providerOptions?: ProviderOptions;
}

/** Model reasoning. `signature` (Anthropic) must be sent back verbatim; `redacted` carries opaque data. */
export interface ReasoningPart {
  type: 'reasoning';
  text: string;
  signature?: string;
  /** Anthropic `redacted_thinking.data`: opaque, encrypted, returned to the provider untouched. */
  redactedData?: string;
  providerOptions?: ProviderOptions;
}

/** A call the model made to a tool. `input` is the JSON text of the arguments, as streamed. */
export interface ToolCallPart {
  type: 'tool-call';
  toolCallId: string;
  toolName: string;
  input: string;
  providerOptions?: ProviderOptions;
}

/** The output of a tool call, sent back by the client. */
export interface ToolResultPart {
  type: 'tool-result';
  toolCallId: string;
  /** Text output, or parts (text and images) for providers that accept rich tool results. */
  output: string | Array<TextPart | ImagePart>;
  isError?: boolean;
  providerOptions?: ProviderOptions;
}

/** A model refusal (OpenAI `message.refusal`). */
export interface RefusalPart {
  type: 'refusal';
  text: string;
}

/** Content a user message may carry: text, images and files. */
export type UserContentPart = TextPart | ImagePart | FilePart;
/**
 * Content an assistant message may carry in a conversation: text, reasoning, tool calls and
 * refusals.
 */
export type AssistantContentPart = TextPart | ReasoningPart | ToolCallPart | RefusalPart;
/** Content a model produces in a result. */
export type ResultContentPart = TextPart | ReasoningPart | ToolCallPart | RefusalPart;
/** Any content part of any message role. */
export type ContentPart =
  | TextPart
  | ImagePart
  | FilePart
  | ReasoningPart
  | ToolCallPart
  | ToolResultPart
  | RefusalPart;
