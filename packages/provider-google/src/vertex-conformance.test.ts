import { runAdapterConformance } from '@signalbox/testing';
import { startFakeGoogle } from './fake-google.js';
import { createVertex, type VertexProvider } from './vertex-provider.js';

// The same suite against the Vertex AI adapter: a fake service-account key whose token_uri is the
// fake's OAuth endpoint, so google-auth-library signs, fetches and caches real tokens offline.
const upstream = await startFakeGoogle({ project: 'signalbox-conformance' });
let adapter: VertexProvider | undefined;

runAdapterConformance({
  name: 'vertex (fake Vertex AI)',
  createAdapter: () => {
    adapter = createVertex({
      project: 'signalbox-conformance',
      location: 'us-central1',
      credentials: upstream.serviceAccount(),
      baseURL: upstream.vertexBaseURL,
    });
    return adapter;
  },
  models: {
    text: 'gemini-2.5-flash',
    tools: 'gemini-2.5-flash',
    images: 'gemini-2.5-flash',
    status429: 'gemini-2.5-flash:status-429:retry-after-1',
    status500: 'gemini-2.5-flash:status-500',
    status400: 'gemini-2.5-flash:status-400',
    hang: 'gemini-2.5-flash:hang',
    dropMidStream: 'gemini-2.5-flash:drop-2',
  },
  upstream,
  unsupported: { request: { user: 'user-42' }, feature: 'user' },
  abortWithinMs: 1000,
  teardown: async () => {
    await adapter?.close();
    await upstream.close();
  },
});
