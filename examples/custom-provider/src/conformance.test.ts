import { runAdapterConformance } from '@signalbox/testing';
import { type CohereProvider, createCohere } from './cohere-provider.js';
import { startFakeCohere } from './fake-cohere.js';

// The published adapter conformance suite, against the Cohere adapter and the fake Cohere API.
const upstream = await startFakeCohere({ apiKey: 'co-conformance' });
let adapter: CohereProvider | undefined;

runAdapterConformance({
  name: 'cohere (fake upstream)',
  createAdapter: () => {
    adapter = createCohere({ apiKey: 'co-conformance', baseURL: upstream.url });
    return adapter;
  },
  models: {
    text: 'command-a-03-2025',
    tools: 'command-a-03-2025',
    images: 'command-a-vision-07-2025',
    status429: 'command-a-03-2025:status-429:retry-after-1',
    status500: 'command-a-03-2025:status-500',
    status400: 'command-a-03-2025:status-400',
    hang: 'command-a-03-2025:hang',
    dropMidStream: 'command-a-03-2025:drop-2',
  },
  upstream,
  // Cohere has top-k (`k`), unlike OpenAI: logprobs are what this adapter cannot express.
  unsupported: { request: { logprobs: true }, feature: 'logprobs' },
  abortWithinMs: 1000,
  teardown: async () => {
    await adapter?.close();
    await upstream.close();
  },
});
