import type { Message } from './message.js';
import type { ProviderOptions } from './provider-options.js';
import type { Tool, ToolChoice } from './tool.js';

/** The wire formats Signalbox speaks to clients and providers. */
export type WireFormat = 'openai' | 'anthropic';

/**
 * The output format asked for: free text, or JSON (with a JSON Schema for structured outputs;
 * without one for OpenAI's `json_object` mode).
 */
export type ResponseFormat =
  | { type: 'text' }
  | {
      type: 'json';
      /** JSON Schema; absent for OpenAI's `json_object` mode. */
      schema?: Record<string, unknown>;
      name?: string;
      description?: string;
      strict?: boolean;
    };

/**
 * Reasoning (thinking) settings, in the vocabulary of both APIs: OpenAI's effort levels and
 * Anthropic's token budget.
 */
export interface ReasoningOptions {
  /** OpenAI `reasoning_effort`. */
  effort?: 'none' | 'minimal' | 'low' | 'medium' | 'high' | 'xhigh';
  /** Anthropic `thinking.budget_tokens`. */
  budgetTokens?: number;
  /** false for Anthropic `thinking: {type: 'disabled'}`. */
  enabled?: boolean;
}

/**
 * The canonical chat request every middleware and adapter sees, whichever API the client used.
 * Close to the Vercel AI SDK's call options. Counts and sampling settings are `undefined` when
 * the client did not set them: an adapter never invents defaults silently.
 */
export interface ChatRequest {
  /** The model the client asked for, as it asked (`openai/gpt-4o-mini`, an alias...). */
  model: string;
  messages: Message[];
  stream: boolean;
  /** OpenAI `stream_options.include_usage`: the client wants a usage chunk at the end. */
  includeUsage?: boolean;
  maxOutputTokens?: number;
  temperature?: number;
  topP?: number;
  topK?: number;
  presencePenalty?: number;
  frequencyPenalty?: number;
  stopSequences?: string[];
  seed?: number;
  /** Number of choices (OpenAI `n`). */
  n?: number;
  responseFormat?: ResponseFormat;
  tools?: Tool[];
  toolChoice?: ToolChoice;
  parallelToolCalls?: boolean;
  reasoning?: ReasoningOptions;
  logprobs?: boolean;
  topLogprobs?: number;
  /** End-user id (OpenAI `user`, Anthropic `metadata.user_id`). */
  user?: string;
  metadata?: Record<string, string>;
  /** Provider-specific options, keyed by provider or format; `gateway` holds routing options. */
  providerOptions?: ProviderOptions;
  /**
   * The request as the client sent it, for fidelity: an adapter whose wire format equals
   * `source.format` passes through top-level fields the canonical model does not know.
   */
  source?: RequestSource;
}

/**
 * Where a canonical request came from: the client's wire format and what the codec kept for pass-
 * through to a provider of that same format.
 */
export interface RequestSource {
  format: WireFormat;
  /** Top-level wire fields the codec did not map, in wire spelling. */
  extraFields: Record<string, unknown>;
  /** Request headers the provider of the same format should receive (`anthropic-beta`...). */
  forwardHeaders: Record<string, string>;
}
