import type { ChatRequest, ProviderCall, StreamPart } from '@signalbox/core';
import {
  collectStream,
  type FakeUpstream,
  startFakeOpenAI,
  textOf,
  tinyPngBase64,
  weatherTool,
} from '@signalbox/testing';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createOpenAI, type OpenAIProvider } from './openai-provider.js';

let upstream: FakeUpstream;
let openai: OpenAIProvider;

beforeAll(async () => {
  upstream = await startFakeOpenAI({ apiKey: 'sk-test', models: ['gpt-4o-mini', 'gpt-4o'] });
  // A trailing slash on the base URL is fine.
  openai = createOpenAI({
    apiKey: 'sk-test',
    baseURL: `${upstream.baseURL}/`,
    organization: 'org_configured',
  });
});
afterAll(async () => {
  await openai.close();
  await upstream.close();
});
beforeEach(() => upstream.reset());

function call(overrides: Partial<ChatRequest> = {}, extra: Partial<ProviderCall> = {}): ProviderCall {
  return {
    modelId: 'gpt-4o-mini',
    signal: new AbortController().signal,
    request: {
      model: 'openai/gpt-4o-mini',
      messages: [{ role: 'user', content: [{ type: 'text', text: 'Hello there' }] }],
      stream: false,
      ...overrides,
    },
    ...extra,
  };
}

function lastRequest() {
  const request = upstream.requests.at(-1);
  if (!request) throw new Error('the upstream received no request');
  return request;
}

describe('createOpenAI', () => {
  it('declares itself', () => {
    expect(openai).toMatchObject({ specificationVersion: 'v1', name: 'openai', format: 'openai' });
    expect(createOpenAI().baseURL).toBe('https://api.openai.com/v1');
    expect(createOpenAI({ name: 'groq' }).name).toBe('groq');
  });

  it('throws a TypeError naming a bad option', () => {
    expect(() => createOpenAI({ baseURL: 'api.openai.com' })).toThrow(TypeError);
    expect(() => createOpenAI({ baseURL: 'api.openai.com' })).toThrow(/'baseURL'/);
  });
});

describe('generate', () => {
  it('posts to /v1/chat/completions and returns text, usage and response info', async () => {
    const result = await openai.generate(call({ maxOutputTokens: 50, temperature: 0.2 }));
    expect(textOf(result.content)).toBe('echo: Hello there');
    expect(result.finishReason).toEqual({ unified: 'stop', raw: 'stop' });
    expect(result.usage.inputTokens.total).toBeGreaterThan(0);
    expect(result.usage.outputTokens.total).toBe(3);
    expect(result.response).toMatchObject({
      id: 'chatcmpl-fake000001',
      modelId: 'gpt-4o-mini',
      requestId: 'req_fake000001',
    });
    expect(result.response.headers?.['openai-version']).toBe('2020-10-01');
    const request = lastRequest();
    expect(request).toMatchObject({ method: 'POST', path: '/v1/chat/completions' });
    expect(request.headers.authorization).toBe('Bearer sk-test');
    expect(request.headers['openai-organization']).toBe('org_configured');
    expect(request.headers['content-type']).toBe('application/json');
    expect(request.body).toMatchObject({ model: 'gpt-4o-mini', max_tokens: 50, temperature: 0.2 });
    expect(request.body).not.toHaveProperty('stream');
  });

  it('calls a tool and answers after the tool result (round trip)', async () => {
    const ask = {
      tools: [weatherTool],
      messages: [
        {
          role: 'user' as const,
          content: [{ type: 'text' as const, text: 'What is the weather in Paris?' }],
        },
      ],
    };
    const first = await openai.generate(call(ask));
    const toolCall = first.content.find((part) => part.type === 'tool-call');
    expect(toolCall).toMatchObject({ type: 'tool-call', toolName: 'get_weather' });
    expect(JSON.parse(toolCall?.type === 'tool-call' ? toolCall.input : '')).toEqual({ city: 'Paris' });
    expect(first.finishReason.unified).toBe('tool-calls');
    if (toolCall?.type !== 'tool-call') throw new Error('no tool call');

    const second = await openai.generate(
      call({
        tools: [weatherTool],
        messages: [
          ...ask.messages,
          { role: 'assistant', content: [toolCall] },
          {
            role: 'tool',
            content: [{ type: 'tool-result', toolCallId: toolCall.toolCallId, output: 'Sunny, 21 C' }],
          },
        ],
      }),
    );
    expect(textOf(second.content)).toContain('Sunny, 21 C');
    expect(second.finishReason.unified).toBe('stop');
    const messages = (lastRequest().body as { messages: Array<Record<string, unknown>> }).messages;
    expect(messages.map((message) => message.role)).toEqual(['user', 'assistant', 'tool']);
  });

  it('sends an image as an image_url part', async () => {
    const result = await openai.generate(
      call({
        messages: [
          {
            role: 'user',
            content: [
              { type: 'text', text: 'Describe this' },
              { type: 'image', source: { type: 'base64', data: tinyPngBase64 }, mediaType: 'image/png' },
            ],
          },
        ],
      }),
    );
    expect(textOf(result.content).length).toBeGreaterThan(0);
    const content = (lastRequest().body as { messages: Array<{ content: Array<Record<string, unknown>> }> })
      .messages[0]?.content;
    expect(content?.[1]).toEqual({
      type: 'image_url',
      image_url: { url: `data:image/png;base64,${tinyPngBase64}` },
    });
  });

  it('uses the call key instead of the configured one (BYOK)', async () => {
    const wrongKey = createOpenAI({ apiKey: 'sk-wrong', baseURL: upstream.baseURL });
    const result = await wrongKey.generate(call({}, { apiKey: 'sk-test' }));
    expect(textOf(result.content)).toBe('echo: Hello there');
    expect(lastRequest().headers.authorization).toBe('Bearer sk-test');
    await wrongKey.close();
  });

  it('forwards the client headers after the configured ones, never its credentials', async () => {
    const withHeaders = createOpenAI({
      apiKey: 'sk-test',
      baseURL: upstream.baseURL,
      headers: { 'X-Configured': 'yes', 'OpenAI-Project': 'proj_configured' },
      project: 'proj_option',
    });
    await withHeaders.generate(
      call(
        {},
        {
          headers: {
            'openai-organization': 'org_client',
            'openai-project': 'proj_client',
            authorization: 'Bearer gateway-key',
            'x-api-key': 'gateway-key',
          },
        },
      ),
    );
    const headers = lastRequest().headers;
    expect(headers['x-configured']).toBe('yes');
    expect(headers['openai-organization']).toBe('org_client');
    expect(headers['openai-project']).toBe('proj_client');
    expect(headers.authorization).toBe('Bearer sk-test');
    expect(headers['x-api-key']).toBeUndefined();
    await withHeaders.close();
  });

  it('passes through fields the canonical model does not know when the client spoke OpenAI', async () => {
    await openai.generate(
      call({
        source: {
          format: 'openai',
          extraFields: { logit_bias: { '50256': -100 }, store: false, service_tier: 'flex', models: ['x'] },
          forwardHeaders: {},
        },
      }),
    );
    const body = lastRequest().body as Record<string, unknown>;
    expect(body).toMatchObject({ logit_bias: { '50256': -100 }, store: false, service_tier: 'flex' });
    expect(body).not.toHaveProperty('models');
  });

  it('sends the configured max tokens field', async () => {
    const reasoning = createOpenAI({
      apiKey: 'sk-test',
      baseURL: upstream.baseURL,
      maxTokensField: 'max_completion_tokens',
    });
    await reasoning.generate(call({ maxOutputTokens: 64 }));
    expect(lastRequest().body).toMatchObject({ max_completion_tokens: 64 });
    expect(lastRequest().body).not.toHaveProperty('max_tokens');
    await reasoning.close();
  });
});

describe('stream', () => {
  it('streams text parts, response metadata with the request id, and a finish with usage', async () => {
    const result = await openai.stream(call({ stream: true }));
    expect(result.response?.requestId).toBe('req_fake000001');
    const parts = await collectStream(result.stream);
    expect(parts[0]).toEqual({ type: 'stream-start', warnings: [] });
    expect(parts[1]).toMatchObject({
      type: 'response-metadata',
      id: 'chatcmpl-fake000001',
      modelId: 'gpt-4o-mini',
      requestId: 'req_fake000001',
    });
    expect(textOf(parts)).toBe('echo: Hello there');
    const finish = parts.at(-1) as Extract<StreamPart, { type: 'finish' }>;
    expect(finish).toMatchObject({ type: 'finish', finishReason: { unified: 'stop', raw: 'stop' } });
    expect(finish.usage.outputTokens.total).toBe(3);
    expect(lastRequest().body).toMatchObject({ stream: true, stream_options: { include_usage: true } });
    expect(lastRequest().headers.accept).toBe('text/event-stream');
  });

  it('streams a tool call', async () => {
    const result = await openai.stream(
      call({
        stream: true,
        tools: [weatherTool],
        messages: [{ role: 'user', content: [{ type: 'text', text: 'weather in Paris?' }] }],
      }),
    );
    const parts = await collectStream(result.stream);
    const types = parts.map((part) => part.type);
    expect(types).toContain('tool-input-start');
    expect(types).toContain('tool-input-delta');
    expect(parts.find((part) => part.type === 'tool-call')).toMatchObject({
      toolName: 'get_weather',
      input: '{"city":"Paris"}',
    });
    expect(parts.at(-1)).toMatchObject({ type: 'finish', finishReason: { unified: 'tool-calls' } });
  });

  it('reports warnings in stream-start', async () => {
    const parts = await collectStream((await openai.stream(call({ stream: true, topK: 5 }))).stream);
    expect(parts[0]).toEqual({ type: 'stream-start', warnings: [{ type: 'unsupported', feature: 'topK' }] });
  });
});

describe('listModels', () => {
  it('lists the upstream models', async () => {
    const models = await openai.listModels?.({ signal: new AbortController().signal });
    expect(models).toEqual([
      { id: 'gpt-4o-mini', created: 1_721_172_741, ownedBy: 'system' },
      { id: 'gpt-4o', created: 1_721_172_741, ownedBy: 'system' },
    ]);
    expect(lastRequest()).toMatchObject({ method: 'GET', path: '/v1/models' });
    expect(lastRequest().headers.authorization).toBe('Bearer sk-test');
  });

  it('serves a configured list, or none', async () => {
    const listed = createOpenAI({ listModels: ['llama-3.3-70b'], name: 'groq' });
    expect(await listed.listModels?.({ signal: new AbortController().signal })).toEqual([
      { id: 'llama-3.3-70b', ownedBy: 'groq' },
    ]);
    expect(createOpenAI({ listModels: false }).listModels).toBeUndefined();
  });

  it('has no countTokens', () => {
    expect(openai.countTokens).toBeUndefined();
  });
});
