/**
 * Signalbox provider adapter for the OpenAI Chat Completions API and any OpenAI-compatible
 * server.
 *
 * @module
 */
export { createOpenAI, OPENAI_DEFAULT_BASE_URL, type OpenAIProvider } from './openai-provider.js';
export type { OpenAIProviderOptions, OpenAITimeouts } from './openai-options.js';
export { createOpenAIErrorHandler, openaiErrorSchema, type OpenAIErrorBody } from './openai-error.js';
export { fromOpenAIModelList } from './openai-list-models.js';
export {
  isOpenAIPresetName,
  openaiPresets,
  type OpenAICompatiblePreset,
  type OpenAIPresetName,
} from './presets.js';
export {
  createOpenAICompatible,
  normalizePresetBaseURL,
  type OpenAICompatibleOptions,
} from './create-openai-compatible.js';
export { isPresetEnabled, openaiPresetsFromEnv } from './openai-presets-from-env.js';
export { nineCharacterToolCallId, presetRequestBody } from './preset-request-body.js';
export { withResponseFields, type ResponseFieldsOptions } from './response-fields.js';
