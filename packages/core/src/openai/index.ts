/**
 * The OpenAI Chat Completions wire format: zod schemas, the client codec (decode requests,
 * encode responses, streams and errors) and the provider-side conversions used by OpenAI and
 * OpenAI-compatible adapters.
 *
 * @module
 */
export {
  openaiChatRequestSchema,
  openaiChatMessageSchema,
  openaiSystemMessageSchema,
  openaiDeveloperMessageSchema,
  openaiUserMessageSchema,
  openaiAssistantMessageSchema,
  openaiToolMessageSchema,
  openaiFunctionMessageSchema,
  openaiTextPartSchema,
  openaiImagePartSchema,
  openaiInputAudioPartSchema,
  openaiFilePartSchema,
  openaiRefusalPartSchema,
  openaiUserContentPartSchema,
  openaiAssistantContentPartSchema,
  openaiToolCallSchema,
  openaiFunctionToolSchema,
  openaiCustomToolSchema,
  openaiToolSchema,
  openaiToolChoiceSchema,
  openaiResponseFormatSchema,
  openaiReasoningEffortSchema,
  type OpenAIChatRequest,
  type OpenAIChatMessage,
  type OpenAIUserContentPart,
  type OpenAITextPart,
  type OpenAIToolCall,
  type OpenAITool,
  type OpenAIToolChoice,
  type OpenAIResponseFormat,
} from './openai-chat-request-schema.js';
export {
  openaiChatCompletionSchema,
  openaiChatCompletionChoiceSchema,
  openaiChatCompletionMessageSchema,
  openaiResponseToolCallSchema,
  type OpenAIChatCompletion,
  type OpenAIChatCompletionMessage,
} from './openai-chat-completion-schema.js';
export {
  openaiChatChunkSchema,
  openaiChatChunkChoiceSchema,
  openaiChatChunkDeltaSchema,
  openaiToolCallDeltaSchema,
  type OpenAIChatChunk,
} from './openai-chat-chunk-schema.js';
export { openaiUsageSchema, type OpenAIUsage } from './openai-usage-schema.js';
export { decodeOpenAIChatRequest } from './decode-openai-chat-request.js';
export { decodeOpenAIMessage } from './decode-openai-messages.js';
export { encodeOpenAIChatResponse, encodeOpenAIMessage } from './encode-openai-chat-response.js';
export { encodeOpenAIChatStream } from './encode-openai-chat-stream.js';
export { encodeOpenAIError } from './encode-openai-error.js';
export { openaiClientCodec } from './openai-client-codec.js';
export { openaiValidationError, formatOpenAIParam } from './openai-validation-error.js';
export { mergeOpenAIUsage } from './merge-openai-usage.js';
export { toOpenAIChatRequest, type ToOpenAIChatRequestOptions } from './to-openai-chat-request.js';
export { toOpenAIMessages } from './to-openai-messages.js';
export { fromOpenAIChatResponse, openaiResponseInfo } from './from-openai-chat-response.js';
export { fromOpenAIChatStream } from './from-openai-chat-stream.js';
export { mapOpenAIFinishReason, toOpenAIFinishReason } from './map-openai-finish-reason.js';
export { convertOpenAIUsage, toOpenAIUsage } from './convert-openai-usage.js';
