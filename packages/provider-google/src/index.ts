/**
 * Signalbox provider adapters for Google's Gemini models: the Gemini API (`createGoogle`, an API
 * key) and Vertex AI (`createVertex`, a service account through google-auth-library), over the
 * shared `generateContent` wire format.
 *
 * @module
 */
export { createGoogle, GOOGLE_DEFAULT_BASE_URL, type GoogleProvider } from './google-provider.js';
export type { GoogleProviderOptions } from './google-options.js';
export { createVertex, type VertexProvider } from './vertex-provider.js';
export type { ServiceAccountCredentials, VertexProviderOptions } from './vertex-options.js';
export {
  createGoogleErrorHandler,
  googleErrorSchema,
  type GoogleErrorBody,
  googleRetryDelay,
} from './google-error.js';
export { googleChatOptionsSchema, type GoogleChatOptions } from './google-chat-options.js';
export { toGoogleRequest, type ToGoogleRequestOptions } from './to-google-request.js';
export { fromGoogleResponse, type FromGoogleResponseOptions } from './from-google-response.js';
export { fromGoogleStream, type FromGoogleStreamOptions, isGoogleFinalEvent } from './from-google-stream.js';
export { mapGoogleFinishReason } from './map-google-finish-reason.js';
export { convertGoogleUsage } from './convert-google-usage.js';
export { toGoogleSchema, type GoogleSchemaConversion } from './to-google-schema.js';
export { EFFORT_BUDGETS } from './to-google-thinking.js';
export { SKIP_THOUGHT_SIGNATURE } from './to-google-contents.js';
export type * from './google-wire-types.js';
