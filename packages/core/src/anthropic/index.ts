export {
  ANTHROPIC_CONTENT_BLOCK_TYPES,
  ANTHROPIC_TOOL_RESULT_CONTENT_TYPES,
  type AnthropicContentBlock,
  type AnthropicDocumentBlock,
  type AnthropicImageBlock,
  type AnthropicKnownContentBlock,
  type AnthropicTextBlock,
  type AnthropicToolResultContentBlock,
  anthropicCacheControlSchema,
  anthropicContentBlockSchema,
  anthropicDocumentBlockSchema,
  anthropicDocumentSourceSchema,
  anthropicImageBlockSchema,
  anthropicImageSourceSchema,
  anthropicKnownContentBlockSchema,
  anthropicRedactedThinkingBlockSchema,
  anthropicTextBlockSchema,
  anthropicThinkingBlockSchema,
  anthropicToolResultBlockSchema,
  anthropicToolResultContentBlockSchema,
  anthropicToolUseBlockSchema,
  isAnthropicKnownContentBlock,
} from './anthropic-content-block-schema.js';
export {
  type AnthropicCountTokensRequest,
  type AnthropicMessageParam,
  type AnthropicMessagesRequest,
  type AnthropicThinkingConfig,
  type AnthropicTool,
  type AnthropicToolChoice,
  anthropicCountTokensRequestSchema,
  anthropicCustomToolSchema,
  anthropicMessageParamSchema,
  anthropicMessagesRequestSchema,
  anthropicServerToolSchema,
  anthropicSystemSchema,
  anthropicThinkingConfigSchema,
  anthropicToolChoiceSchema,
  anthropicToolSchema,
} from './anthropic-request-schema.js';
export {
  type AnthropicErrorBody,
  type AnthropicMessage,
  type AnthropicStreamEvent,
  type AnthropicUsage,
  anthropicContentBlockDeltaSchema,
  anthropicDeltaUsageSchema,
  anthropicErrorBodySchema,
  anthropicErrorObjectSchema,
  anthropicMessageSchema,
  anthropicStreamEventSchema,
  anthropicUsageSchema,
} from './anthropic-response-schema.js';
export { ANTHROPIC_RAW_BLOCK_KEY, rawBlockOf } from './anthropic-extras.js';
export { anthropicInvalidRequest, anthropicValidationError } from './anthropic-validation-error.js';
export {
  decodeAnthropicCountTokensRequest,
  decodeAnthropicMessagesRequest,
} from './decode-anthropic-request.js';
export { ANTHROPIC_PASSTHROUGH_RESPONSE_FIELDS, encodeAnthropicMessage } from './encode-anthropic-message.js';
export { encodeAnthropicStream } from './encode-anthropic-stream.js';
export {
  type AnthropicErrorType,
  encodeAnthropicError,
  toAnthropicErrorType,
} from './encode-anthropic-error.js';
export { anthropicClientCodec } from './anthropic-client-codec.js';
export { anthropicErrorStatus, anthropicErrorToGatewayError } from './anthropic-error.js';
export {
  type AnthropicStopReason,
  mapAnthropicStopReason,
  toAnthropicStopReason,
} from './map-anthropic-stop-reason.js';
export {
  type AnthropicUsageInput,
  type AnthropicWireUsage,
  anthropicUsageExtras,
  convertAnthropicUsage,
  toAnthropicUsage,
} from './convert-anthropic-usage.js';
export {
  type AnthropicPrompt,
  type AnthropicWireMessage,
  toAnthropicPrompt,
} from './to-anthropic-messages.js';
export {
  DEFAULT_ANTHROPIC_MAX_TOKENS,
  type ToAnthropicRequestOptions,
  toAnthropicCountTokensRequest,
  toAnthropicMessagesRequest,
} from './to-anthropic-request.js';
export { fromAnthropicMessage } from './from-anthropic-message.js';
export { fromAnthropicStream } from './from-anthropic-stream.js';
