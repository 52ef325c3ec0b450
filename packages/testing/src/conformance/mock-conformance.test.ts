import { createMockProvider } from '@signalbox/provider-mock';
import { runAdapterConformance } from './run-adapter-conformance.js';

runAdapterConformance({
  name: 'mock',
  createAdapter: () => createMockProvider(),
  models: {
    text: 'echo',
    tools: 'echo',
    images: 'echo',
    status429: 'echo:status-429:retry-after-1',
    status500: 'echo:status-500',
    status400: 'echo:status-400',
    hang: 'echo:hang',
    dropMidStream: 'echo:drop-2',
  },
  unsupported: { request: { topK: 40 }, feature: 'topK' },
});
