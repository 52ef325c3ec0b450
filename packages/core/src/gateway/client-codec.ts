import type { GatewayError } from '../errors/gateway-error.js';
import type { ChatRequest, WireFormat } from '../spec/v1/chat-request.js';
import type { GenerateResult } from '../spec/v1/generate-result.js';
import type { StreamPart } from '../spec/v1/stream-part.js';
import type { ResponseExtension } from './context.js';

/** How a client-facing response is labelled and decorated. */
export interface EncodeOptions {
  /** The response id the client sees (`chatcmpl-...`, `msg_...`). */
  id: string;
  /** The model id the client sees. */
  model: string;
  /** Unix time in seconds. */
  created: number;
  /** The canonical request (for `stream_options.include_usage`, `n`...). */
  request: ChatRequest;
  /** Send the usage chunk/fields even when the client did not ask (OpenAI streams). */
  includeUsage: boolean;
  /**
   * Middleware extensions, merged. Called when the final part of the response is written (after
   * `finish` has passed every middleware), so cost and routing data are complete.
   */
  extend: () => ResponseExtension;
}

/**
 * One client-facing API format: decodes its requests into the canonical model and encodes
 * canonical results, streams and errors back into its wire shapes.
 */
export interface ClientCodec {
  readonly format: WireFormat;
  /** Validates and decodes a parsed JSON body. Throws a 400 `GatewayError` naming the field. */
  decodeRequest(body: unknown, headers: Record<string, string | undefined>): ChatRequest;
  /**
   * Encodes a complete result as the client's JSON response body (`chat.completion` or `message`).
   */
  encodeResult(result: GenerateResult, options: EncodeOptions): Record<string, unknown>;
  /**
   * Encodes a stream of parts as SSE frames (each a complete `event:`/`data:` block ending in a
   * blank line). An `error` part (or a throw) after output ends the stream properly in the format.
   */
  encodeStream(parts: AsyncIterable<StreamPart>, options: EncodeOptions): AsyncIterable<string>;
  /** The error body in this format's shape. */
  encodeError(error: GatewayError): Record<string, unknown>;
}
