import { runAdapterConformance, startFakeAnthropic } from '@signalbox/testing';
import { type AnthropicProvider, createAnthropic } from './anthropic-provider.js';

const upstream = await startFakeAnthropic({ apiKey: 'sk-ant-conformance' });
let adapter: AnthropicProvider | undefined;

runAdapterConformance({
  name: 'anthropic (fake upstream)',
  createAdapter: () => {
    adapter = createAnthropic({ apiKey: 'sk-ant-conformance', baseURL: upstream.url });
    return adapter;
  },
  models: {
    text: 'claude-haiku-4-5',
    tools: 'claude-haiku-4-5',
    images: 'claude-haiku-4-5',
    status429: 'claude-haiku-4-5:status-429:retry-after-1',
    status500: 'claude-haiku-4-5:status-500',
    status400: 'claude-haiku-4-5:status-400',
    hang: 'claude-haiku-4-5:hang',
    dropMidStream: 'claude-haiku-4-5:drop-2',
  },
  upstream,
  unsupported: { request: { seed: 7 }, feature: 'seed' },
  abortWithinMs: 1000,
  teardown: async () => {
    await adapter?.close();
    await upstream.close();
  },
});
