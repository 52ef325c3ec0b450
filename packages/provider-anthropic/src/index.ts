/**
 * Signalbox provider adapter for the Anthropic Messages API.
 *
 * @module
 */
export {
  ANTHROPIC_DEFAULT_BASE_URL,
  ANTHROPIC_DEFAULT_VERSION,
  type AnthropicProvider,
  createAnthropic,
} from './anthropic-provider.js';
export type { AnthropicProviderOptions, AnthropicTimeouts } from './anthropic-options.js';
export {
  anthropicErrorSchema,
  type AnthropicErrorResponse,
  createAnthropicErrorHandler,
} from './anthropic-error.js';
export { anthropicHeaders, joinAnthropicBeta } from './anthropic-headers.js';
export { type AnthropicModelPage, fromAnthropicModelPage } from './anthropic-list-models.js';
