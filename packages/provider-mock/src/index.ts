/**
 * `@signalbox/provider-mock`: a deterministic offline provider (`mock/echo` and friends) with
 * streaming, tool calls, usage and fault models, so gateways and tests run with no keys and no network.
 *
 * @module
 */
export { createMockProvider, type MockProvider, type MockProviderOptions } from './mock-provider.js';
export { mockReply, countInputTokens, countOutputTokens, type MockReply } from './mock-reply.js';
export { parseFaults, FlakyCounter, type Faults } from './faults.js';
