/**
 * Signalbox provider adapter for Amazon Bedrock's Converse and ConverseStream APIs, signed with
 * AWS Signature Version 4. (The fake Bedrock runtime of its tests, `src/fake-bedrock.ts`, is not part
 * of the published API.)
 *
 * @module
 */
export { bedrockRuntimeURL, createBedrock, type BedrockProvider } from './bedrock-provider.js';
export type { BedrockProviderOptions } from './bedrock-options.js';
export {
  loadCredentials,
  resolveCredentialProvider,
  type BedrockCredentialProvider,
  type BedrockCredentials,
} from './bedrock-credentials.js';
export { signBedrockRequest, type RequestToSign, type SigningOptions } from './sign-bedrock-request.js';
export {
  bedrockErrorSchema,
  bedrockErrorType,
  bedrockStreamException,
  createBedrockErrorHandler,
  type BedrockErrorBody,
} from './bedrock-error.js';
export { isAnthropicModel, toBedrockConverseRequest } from './to-bedrock-request.js';
export { toBedrockPrompt, type BedrockPrompt } from './to-bedrock-messages.js';
export { bedrockRequestOptionsSchema, type BedrockRequestOptions } from './bedrock-request-options.js';
export { fromBedrockResponse, bedrockConverseResponseSchema } from './from-bedrock-response.js';
export { fromBedrockStream, isBedrockFinalEvent } from './from-bedrock-stream.js';
export {
  BEDROCK_REQUEST_ID_HEADER,
  bedrockEventsFrom,
  bedrockStreamResult,
} from './bedrock-stream-result.js';
export {
  decodeEventStream,
  encodeEventStreamMessage,
  type EventStreamMessage,
} from './decode-event-stream.js';
export { mapBedrockStopReason } from './map-bedrock-stop-reason.js';
export { convertBedrockUsage } from './convert-bedrock-usage.js';
export type * from './bedrock-wire-types.js';
