import { runAdapterConformance } from '@signalbox/testing';
import { type AzureProvider, createAzure } from './azure-provider.js';
import { startFakeAzure } from './fake-azure.js';

// The published adapter conformance suite, against the Azure OpenAI adapter and the fake Azure
// OpenAI endpoint (deployment URLs, api-version, api-key).
const upstream = await startFakeAzure({ apiKey: 'azure-conformance-key' });
let adapter: AzureProvider | undefined;

runAdapterConformance({
  name: 'azure (fake upstream)',
  createAdapter: () => {
    adapter = createAzure({ baseURL: upstream.url, apiKey: 'azure-conformance-key' });
    return adapter;
  },
  models: {
    text: 'gpt-4o-mini',
    tools: 'gpt-4o-mini',
    images: 'gpt-4o',
    status429: 'gpt-4o-mini:status-429:retry-after-1',
    status500: 'gpt-4o-mini:status-500',
    status400: 'gpt-4o-mini:status-400',
    hang: 'gpt-4o-mini:hang',
    dropMidStream: 'gpt-4o-mini:drop-2',
  },
  upstream,
  unsupported: { request: { topK: 40 }, feature: 'topK' },
  abortWithinMs: 1000,
  teardown: async () => {
    await adapter?.close();
    await upstream.close();
  },
});
