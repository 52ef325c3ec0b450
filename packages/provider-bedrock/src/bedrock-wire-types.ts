/**
 * The Amazon Bedrock Converse API wire shapes this adapter writes and reads
 * (https://docs.aws.amazon.com/bedrock/latest/APIReference/API_runtime_Converse.html).
 * Request types are exact; responses are read with loose schemas, so unknown fields are fine.
 */

/** `{cachePoint: {type: 'default'}}`: a prompt-cache checkpoint after the blocks before it. */
export interface BedrockCachePointBlock {
  cachePoint: { type: 'default' };
}

/** Where image or document bytes come from: base64 bytes, or an S3 object. */
export type BedrockSource = { bytes: string } | { s3Location: { uri: string; bucketOwner?: string } };

/** `{image: {format, source}}`. */
export interface BedrockImageBlock {
  image: { format: 'png' | 'jpeg' | 'gif' | 'webp'; source: BedrockSource };
}

/** `{document: {format, name, source}}`. */
export interface BedrockDocumentBlock {
  document: { format: string; name: string; source: BedrockSource };
}

/** `{toolUse: {toolUseId, name, input}}`: a call the model made. */
export interface BedrockToolUseBlock {
  toolUse: { toolUseId: string; name: string; input: unknown };
}

/** One block of a tool result's content. */
export type BedrockToolResultContent =
  | { text: string }
  | { json: unknown }
  | BedrockImageBlock
  | BedrockDocumentBlock;

/** `{toolResult: {toolUseId, content, status?}}`: the client's answer to a tool call. */
export interface BedrockToolResultBlock {
  toolResult: { toolUseId: string; content: BedrockToolResultContent[]; status?: 'success' | 'error' };
}

/** Model reasoning sent back: signed text, or opaque redacted content (base64). */
export type BedrockReasoningBlock =
  | { reasoningContent: { reasoningText: { text: string; signature?: string } } }
  | { reasoningContent: { redactedContent: string } };

/** A block of a message's `content`. */
export type BedrockContentBlock =
  | { text: string }
  | BedrockImageBlock
  | BedrockDocumentBlock
  | BedrockToolUseBlock
  | BedrockToolResultBlock
  | BedrockReasoningBlock
  | BedrockCachePointBlock;

/** A block of `system`. */
export type BedrockSystemBlock = { text: string } | BedrockCachePointBlock;

/** One turn of `messages` (Converse has no system or tool role). */
export interface BedrockMessage {
  role: 'user' | 'assistant';
  content: BedrockContentBlock[];
}

/** `toolConfig.tools[]`: a function the model may call, or a cache checkpoint. */
export type BedrockTool =
  | { toolSpec: { name: string; description?: string; inputSchema: { json: Record<string, unknown> } } }
  | BedrockCachePointBlock;

/** `toolConfig.toolChoice`. */
export type BedrockToolChoice =
  | { auto: Record<string, never> }
  | { any: Record<string, never> }
  | { tool: { name: string } };

/** `inferenceConfig`. */
export interface BedrockInferenceConfig {
  maxTokens?: number;
  temperature?: number;
  topP?: number;
  stopSequences?: string[];
}

/** The body of `POST /model/{modelId}/converse` and `/converse-stream`. */
export interface BedrockConverseRequest {
  messages: BedrockMessage[];
  system?: BedrockSystemBlock[];
  inferenceConfig?: BedrockInferenceConfig;
  toolConfig?: { tools: BedrockTool[]; toolChoice?: BedrockToolChoice };
  /** Model-specific fields (`thinking`, `top_k`, `anthropic_beta` for Anthropic models). */
  additionalModelRequestFields?: Record<string, unknown>;
  additionalModelResponseFieldPaths?: string[];
  guardrailConfig?: Record<string, unknown>;
  performanceConfig?: Record<string, unknown>;
  requestMetadata?: Record<string, string>;
  promptVariables?: Record<string, unknown>;
  serviceTier?: Record<string, unknown>;
}
