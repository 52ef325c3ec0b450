import type { ClientCodec } from '../gateway/client-codec.js';
import { decodeAnthropicMessagesRequest } from './decode-anthropic-request.js';
import { encodeAnthropicError } from './encode-anthropic-error.js';
import { encodeAnthropicMessage } from './encode-anthropic-message.js';
import { encodeAnthropicStream } from './encode-anthropic-stream.js';

/**
 * The Anthropic Messages API as a client-facing format (`POST /v1/messages`): decodes requests
 * into the canonical model, encodes results, streams (named SSE events) and errors back.
 * Request headers are not read here; the gateway fills `source.forwardHeaders`.
 */
export const anthropicClientCodec: ClientCodec = {
  format: 'anthropic',
  decodeRequest: (body) => decodeAnthropicMessagesRequest(body),
  encodeResult: encodeAnthropicMessage,
  encodeStream: encodeAnthropicStream,
  encodeError: encodeAnthropicError,
};
