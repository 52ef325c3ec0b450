import { runAdapterConformance } from '@signalbox/testing';
import { startFakeGoogle } from './fake-google.js';
import { createGoogle, type GoogleProvider } from './google-provider.js';

// The published adapter conformance suite, against the Gemini API adapter and the fake Gemini API.
const upstream = await startFakeGoogle({ apiKey: 'gemini-conformance' });
let adapter: GoogleProvider | undefined;

runAdapterConformance({
  name: 'google (fake Gemini API)',
  createAdapter: () => {
    adapter = createGoogle({ apiKey: 'gemini-conformance', baseURL: upstream.geminiBaseURL });
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
  // Gemini has top-k, penalties, seeds and logprobs: an end-user id is what it cannot take.
  unsupported: { request: { user: 'user-42' }, feature: 'user' },
  abortWithinMs: 1000,
  teardown: async () => {
    await adapter?.close();
    await upstream.close();
  },
});
