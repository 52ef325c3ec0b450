import { GatewayError, type ProviderCall } from '@signalbox/core';
import { createHttpClient } from '@signalbox/provider-utils';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FakeGoogle, startFakeGoogle } from './fake-google.js';
import { createGoogleCalls } from './google-adapter.js';
import { createGoogleErrorHandler } from './google-error.js';

let fake: FakeGoogle;
const client = createHttpClient();

beforeAll(async () => {
  fake = await startFakeGoogle();
});
afterAll(async () => {
  await client.close();
  await fake.close();
});

const call = (modelId = 'gemini-2.5-flash'): ProviderCall => ({
  modelId,
  signal: new AbortController().signal,
  request: {
    model: modelId,
    stream: false,
    messages: [{ role: 'user', content: [{ type: 'text', text: 'hi' }] }],
  },
});

function calls(authHeaders: () => Promise<Record<string, string>>) {
  return createGoogleCalls({
    name: 'gemini',
    client,
    errorHandler: createGoogleErrorHandler('gemini'),
    methodURL: (modelId, method) => `${fake.geminiBaseURL}/models/${modelId}:${method}`,
    authHeaders,
    headers: { 'x-team': 'search' },
    vertex: false,
  });
}

describe('createGoogleCalls', () => {
  it('sends the credential and configured headers, and names results after the provider', async () => {
    const google = calls(async () => ({ 'x-goog-api-key': 'gemini-test-key' }));
    const result = await google.generate({ ...call(), request: { ...call().request, user: 'u' } });
    expect(result.warnings).toEqual([expect.objectContaining({ feature: 'user' })]);
    expect(fake.requests.at(-1)?.headers).toMatchObject({ 'x-team': 'search', accept: 'application/json' });
  });

  it('a credential failure rejects before any request is sent', async () => {
    const before = fake.counters.requests;
    const failing = calls(async () => {
      throw new GatewayError('no token', { status: 502, type: 'upstream_error' });
    });
    await expect(failing.stream(call())).rejects.toThrow('no token');
    expect(fake.counters.requests).toBe(before);
  });

  it('an upstream error rejects the stream before it starts', async () => {
    const google = calls(async () => ({ 'x-goog-api-key': 'gemini-test-key' }));
    await expect(google.stream(call('gemini-2.5-flash:status-503'))).rejects.toMatchObject({
      status: 503,
      isRetryable: true,
    });
  });
});
