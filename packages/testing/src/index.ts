/**
 * `@signalbox/testing`: fake OpenAI and Anthropic upstreams with fault modes, the provider adapter
 * conformance suite, and helpers for tests of model streams.
 *
 * @module
 */
export * from './upstreams.js';
export {
  type AdapterConformanceModels,
  type AdapterConformanceOptions,
  runAdapterConformance,
} from './conformance/run-adapter-conformance.js';
export { type StreamProblemsOptions, streamProblems } from './conformance/stream-problems.js';
export { tinyPngBase64, weatherTool } from './conformance/conformance-requests.js';
export { collectStream, textOf } from './helpers/collect-stream.js';
export { TimeoutError, withTimeout } from './helpers/with-timeout.js';
export { testServerUrl } from './helpers/test-servers.js';
