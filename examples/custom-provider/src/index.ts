/**
 * A custom Signalbox provider adapter written from scratch for Cohere's v2 Chat API, with a fake
 * Cohere upstream for tests and a gateway app that mounts it.
 *
 * @module
 */
export { COHERE_DEFAULT_BASE_URL, type CohereProvider, createCohere } from './cohere-provider.js';
export type { CohereProviderOptions } from './cohere-options.js';
export { type CohereChatOptions, readCohereChatOptions } from './cohere-chat-options.js';
export { type CohereErrorBody, cohereErrorSchema, createCohereErrorHandler } from './cohere-error.js';
export { mapCohereFinishReason } from './map-cohere-finish-reason.js';
export { convertCohereUsage } from './convert-cohere-usage.js';
export { toCohereMessages } from './to-cohere-messages.js';
export { type ToCohereRequestOptions, toCohereRequest } from './to-cohere-request.js';
export { type FromCohereResponseOptions, fromCohereResponse } from './from-cohere-response.js';
export { type FromCohereStreamOptions, fromCohereStream, isCohereFinalEvent } from './from-cohere-stream.js';
export { COHERE_REQUEST_ID_HEADER, cohereStreamResult } from './cohere-stream-result.js';
export { fromCohereModelList } from './cohere-list-models.js';
export type * from './cohere-wire-types.js';
export { type FakeCohere, type FakeCohereOptions, startFakeCohere } from './fake-cohere.js';
export { validateCohereRequest } from './fake-cohere-validate.js';
export { type CustomProviderApp, type CustomProviderAppOptions, createApp } from './app.js';
