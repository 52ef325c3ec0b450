import type { ClientCodec } from '../gateway/client-codec.js';
import { decodeOpenAIChatRequest } from './decode-openai-chat-request.js';
import { encodeOpenAIChatResponse } from './encode-openai-chat-response.js';
import { encodeOpenAIChatStream } from './encode-openai-chat-stream.js';
import { encodeOpenAIError } from './encode-openai-error.js';

/** The OpenAI Chat Completions client format (`POST /v1/chat/completions`). */
export const openaiClientCodec: ClientCodec = {
  format: 'openai',
  decodeRequest: (body) => decodeOpenAIChatRequest(body),
  encodeResult: encodeOpenAIChatResponse,
  encodeStream: encodeOpenAIChatStream,
  encodeError: encodeOpenAIError,
};
