import { fromOpenAIChatResponse, type ProviderCall, UpstreamCallError } from '@signalbox/core';
import { type FakeUpstream, startFakeOpenAI } from '@signalbox/testing';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createOpenAI } from './openai-provider.js';

// The options OpenAI-compatible variants (Azure OpenAI, strict servers) build on.
let upstream: FakeUpstream;
beforeAll(async () => {
  upstream = await startFakeOpenAI({ apiKey: 'sk-test' });
});
afterAll(() => upstream.close());
beforeEach(() => upstream.reset());

const call: ProviderCall = {
  modelId: 'gpt-4o-mini',
  signal: new AbortController().signal,
  request: {
    model: 'gpt-4o-mini',
    stream: false,
    messages: [{ role: 'user', content: [{ type: 'text', text: 'Hi' }] }],
  },
};

describe('createOpenAI hooks', () => {
  it('chatURL and async authHeaders decide where and how a call goes', async () => {
    const seen: Array<string | undefined> = [];
    const adapter = createOpenAI({
      apiKey: 'configured',
      chatURL: (modelId) => `${upstream.baseURL}/chat/completions?for=${modelId}`,
      authHeaders: async (apiKey) => {
        seen.push(apiKey);
        return { authorization: 'Bearer sk-test', 'x-custom-auth': 'yes' };
      },
      requestIdHeader: 'openai-version',
    });
    const result = await adapter.generate(call);
    expect(upstream.requests[0]?.path).toBe('/v1/chat/completions?for=gpt-4o-mini');
    expect(upstream.requests[0]?.headers['x-custom-auth']).toBe('yes');
    expect(seen).toEqual(['configured']);
    expect(result.response.requestId).toBe('2020-10-01');
    await adapter.generate({ ...call, apiKey: 'byok' });
    expect(seen).toEqual(['configured', 'byok']);
    await adapter.close();
  });

  it('transformRequestBody, decodeResponse and errorHandler replace the defaults', async () => {
    const adapter = createOpenAI({
      apiKey: 'sk-test',
      baseURL: upstream.baseURL,
      transformRequestBody: (body, { warnings }) => {
        warnings.push({ type: 'other', message: 'transformed' });
        return { ...body, model: body.model === 'gpt-4o-mini' ? 'gpt-4o' : body.model };
      },
      decodeResponse: (body, warnings) => ({
        ...fromOpenAIChatResponse(body, warnings),
        providerMetadata: { test: { seen: true } },
      }),
      errorHandler: async (response) =>
        new UpstreamCallError('custom', {
          upstreamStatus: response.status,
          url: response.url,
          provider: 'x',
          code: 'custom_code',
        }),
    });
    const result = await adapter.generate(call);
    expect(upstream.requests[0]?.body).toMatchObject({ model: 'gpt-4o' });
    expect(result.warnings).toEqual([{ type: 'other', message: 'transformed' }]);
    expect(result.providerMetadata).toEqual({ test: { seen: true } });
    const error = await adapter
      .generate({ ...call, modelId: 'gpt-4o-mini:status-503' })
      .catch((reason: unknown) => reason);
    expect(UpstreamCallError.isInstance(error) && error.code).toBe('custom_code');
    await adapter.close();
  });

  it('rejects a hook that is not a function', () => {
    expect(() => createOpenAI({ chatURL: 'https://x' as unknown as () => string })).toThrow(
      /option 'chatURL' must be a function/,
    );
  });
});
