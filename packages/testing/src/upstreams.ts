/**
 * The fake upstreams alone, without the conformance suite (so without importing vitest):
 * `import { startFakeOpenAI } from '@signalbox/testing/upstreams'` in benchmarks and scripts.
 *
 * @module
 */
export type { Faults } from '@signalbox/provider-mock';
export type {
  FakeUpstream,
  FakeUpstreamCounters,
  FakeUpstreamOptions,
  RecordedRequest,
} from './fake/fake-upstream.js';
export { type FakeOpenAIOptions, startFakeOpenAI } from './openai/openai-server.js';
export { FAST_REPLY_TEXT } from './openai/openai-fast-server.js';
export { type FakeAnthropicOptions, startFakeAnthropic } from './anthropic/anthropic-server.js';
export type { OpenAIErrorBody } from './openai/openai-errors.js';
export { validateOpenAIRequest } from './openai/openai-validate.js';
export type { AnthropicErrorBody } from './anthropic/anthropic-errors.js';
export { validateAnthropicRequest } from './anthropic/anthropic-validate.js';
export {
  anthropicInputTokens,
  PromptCache,
  type PromptCacheOptions,
  type PromptCacheUsage,
} from './anthropic/anthropic-cache.js';
export * from './fake-kit.js';
