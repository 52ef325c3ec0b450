export { createMockProvider, type MockProvider, type MockProviderOptions } from './mock-provider.js';
export { mockReply, countInputTokens, countOutputTokens, type MockReply } from './mock-reply.js';
export { parseFaults, FlakyCounter, type Faults } from './faults.js';
