import { startFakeOpenAI } from '../openai/openai-server.js';
import { createMinimalOpenAIAdapter } from './minimal-openai-adapter.js';
import { runAdapterConformance } from './run-adapter-conformance.js';

// The suite against the fake OpenAI upstream, through a minimal adapter: this checks that the
// fake upstream and the suite fit together (faults, abort detection, warnings).
const upstream = await startFakeOpenAI();

runAdapterConformance({
  name: 'minimal OpenAI adapter against the fake upstream',
  createAdapter: () => createMinimalOpenAIAdapter({ baseURL: upstream.baseURL, apiKey: 'sk-test' }),
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
  teardown: () => upstream.close(),
});
