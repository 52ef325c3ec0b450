import { runAdapterConformance, startFakeOpenAI } from '@signalbox/testing';
import { createOpenAI, type OpenAIProvider } from './openai-provider.js';

const upstream = await startFakeOpenAI({ apiKey: 'sk-conformance' });
let adapter: OpenAIProvider | undefined;

runAdapterConformance({
  name: 'openai (fake upstream)',
  createAdapter: () => {
    adapter = createOpenAI({ apiKey: 'sk-conformance', baseURL: upstream.baseURL });
    return adapter;
  },
  models: {
    text: 'gpt-4o-mini',
    tools: 'gpt-4o-mini',
    images: 'gpt-4o-mini',
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
