import { runAdapterConformance } from '@signalbox/testing';
import { type BedrockProvider, createBedrock } from './bedrock-provider.js';
import { FAKE_BEDROCK_CREDENTIALS, startFakeBedrock } from './fake-bedrock.js';

// The published adapter conformance suite, against the Bedrock adapter and the fake Bedrock
// runtime (which checks every request's SigV4 signature).
const upstream = await startFakeBedrock({ region: 'us-west-2' });
let adapter: BedrockProvider | undefined;
const model = 'us.anthropic.claude-haiku-4-5-20251001-v1:0';

runAdapterConformance({
  name: 'bedrock (fake upstream)',
  createAdapter: () => {
    adapter = createBedrock({
      region: 'us-west-2',
      credentials: FAKE_BEDROCK_CREDENTIALS,
      baseURL: upstream.url,
    });
    return adapter;
  },
  models: {
    text: model,
    tools: model,
    images: model,
    status429: `${model}:status-429:retry-after-1`,
    status500: `${model}:status-500`,
    status400: `${model}:status-400`,
    hang: `${model}:hang`,
    dropMidStream: `${model}:drop-2`,
  },
  upstream,
  unsupported: { request: { seed: 7 }, feature: 'seed' },
  abortWithinMs: 1000,
  teardown: async () => {
    await adapter?.close();
    await upstream.close();
  },
});
