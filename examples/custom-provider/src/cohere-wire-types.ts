/**
 * The request side of Cohere's v2 Chat API (`POST /v2/chat`) as TypeScript types: what
 * `toCohereRequest` builds. Response and stream shapes are read with zod / by hand in
 * `from-cohere-response.ts` and `from-cohere-stream.ts`.
 *
 * @see https://docs.cohere.com/reference/chat
 */

/** A text content item (`system`, `user`, `assistant` and `tool` messages). */
export interface CohereTextContent {
  type: 'text';
  text: string;
}

/** An image in a `user` message: an http(s) URL or a `data:` URL. */
export interface CohereImageContent {
  type: 'image_url';
  image_url: { url: string; detail?: 'auto' | 'low' | 'high' };
}

/** A call the model made, as sent back in an `assistant` message. */
export interface CohereToolCall {
  id: string;
  type: 'function';
  function: { name: string; arguments: string };
}

/** One message of `messages`. */
export type CohereMessage =
  | { role: 'system'; content: string | CohereTextContent[] }
  | { role: 'user'; content: string | Array<CohereTextContent | CohereImageContent> }
  | {
      role: 'assistant';
      content?: string | CohereTextContent[];
      /** The model's plan, sent before its tool calls. */
      tool_plan?: string;
      tool_calls?: CohereToolCall[];
    }
  | { role: 'tool'; tool_call_id: string; content: string | CohereTextContent[] };

/** A function the model may call. */
export interface CohereTool {
  type: 'function';
  function: { name: string; description?: string; parameters: Record<string, unknown> };
}

/** A document for retrieval-augmented generation (a text file the client sent). */
export interface CohereDocument {
  id?: string;
  data: { text: string; title?: string };
}

/** The body of `POST /v2/chat`. */
export interface CohereChatRequest {
  model: string;
  messages: CohereMessage[];
  stream?: boolean;
  tools?: CohereTool[];
  /** Absent means the model decides (there is no `AUTO`). */
  tool_choice?: 'REQUIRED' | 'NONE';
  strict_tools?: boolean;
  documents?: CohereDocument[];
  response_format?: { type: 'text' } | { type: 'json_object'; json_schema?: Record<string, unknown> };
  max_tokens?: number;
  temperature?: number;
  /** Top-p. */
  p?: number;
  /** Top-k. */
  k?: number;
  seed?: number;
  stop_sequences?: string[];
  frequency_penalty?: number;
  presence_penalty?: number;
  thinking?: { type: 'enabled' | 'disabled'; token_budget?: number };
  /** Cohere-only fields from `providerOptions.cohere` (`safety_mode`, `priority`...). */
  [field: string]: unknown;
}
