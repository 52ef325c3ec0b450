import type { ChatRequest, ProviderCall, StreamPart } from '@signalbox/core';
import {
  collectStream,
  type FakeUpstream,
  startFakeAnthropic,
  textOf,
  tinyPngBase64,
  weatherTool,
} from '@signalbox/testing';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type AnthropicProvider, createAnthropic } from './anthropic-provider.js';

let upstream: FakeUpstream;
let anthropic: AnthropicProvider;

beforeAll(async () => {
  upstream = await startFakeAnthropic({ apiKey: 'sk-ant-test' });
  // The SDK convention: no /v1 in the base URL; a trailing slash is fine.
  anthropic = createAnthropic({ apiKey: 'sk-ant-test', baseURL: `${upstream.url}/` });
});
afterAll(async () => {
  await anthropic.close();
  await upstream.close();
});
beforeEach(() => upstream.reset());

function call(overrides: Partial<ChatRequest> = {}, extra: Partial<ProviderCall> = {}): ProviderCall {
  return {
    modelId: 'claude-haiku-4-5',
    signal: new AbortController().signal,
    request: {
      model: 'anthropic/claude-haiku-4-5',
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

const longSystem = `You are a careful assistant. ${'Follow the house style guide closely. '.repeat(40)}`;

function cachedCall(question: string, stream = false): ProviderCall {
  return call({
    stream,
    messages: [
      {
        role: 'system',
        content: [
          {
            type: 'text',
            text: longSystem,
            providerOptions: { anthropic: { cache_control: { type: 'ephemeral' } } },
          },
        ],
      },
      { role: 'user', content: [{ type: 'text', text: question }] },
    ],
  });
}

describe('createAnthropic', () => {
  it('declares itself', () => {
    expect(anthropic).toMatchObject({ specificationVersion: 'v1', name: 'anthropic', format: 'anthropic' });
    expect(createAnthropic().baseURL).toBe('https://api.anthropic.com');
  });

  it('throws a TypeError naming a bad option', () => {
    expect(() => createAnthropic({ defaultMaxTokens: -5 })).toThrow(TypeError);
    expect(() => createAnthropic({ defaultMaxTokens: -5 })).toThrow(/'defaultMaxTokens'/);
  });
});

describe('generate', () => {
  it('posts to /v1/messages with the key and version, and returns text, usage and the request id', async () => {
    const result = await anthropic.generate(call({ maxOutputTokens: 100 }));
    expect(textOf(result.content)).toBe('echo: Hello there');
    expect(result.finishReason).toEqual({ unified: 'stop', raw: 'end_turn' });
    expect(result.usage.inputTokens.total).toBeGreaterThan(0);
    expect(result.usage.outputTokens.total).toBeGreaterThan(0);
    expect(result.response).toMatchObject({
      id: 'msg_fake000001',
      modelId: 'claude-haiku-4-5',
      requestId: 'req_fake000001',
    });
    const request = lastRequest();
    expect(request).toMatchObject({ method: 'POST', path: '/v1/messages' });
    expect(request.headers['x-api-key']).toBe('sk-ant-test');
    expect(request.headers['anthropic-version']).toBe('2023-06-01');
    expect(request.headers.authorization).toBeUndefined();
    expect(request.body).toMatchObject({ model: 'claude-haiku-4-5', max_tokens: 100 });
    expect(request.body).not.toHaveProperty('stream');
  });

  it('sends defaultMaxTokens when the request has no limit', async () => {
    const custom = createAnthropic({ apiKey: 'sk-ant-test', baseURL: upstream.url, defaultMaxTokens: 1234 });
    await custom.generate(call());
    expect(lastRequest().body).toMatchObject({ max_tokens: 1234 });
    await anthropic.generate(call());
    expect(lastRequest().body).toMatchObject({ max_tokens: 4096 });
    await custom.close();
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
    const first = await anthropic.generate(call(ask));
    const toolCall = first.content.find((part) => part.type === 'tool-call');
    if (toolCall?.type !== 'tool-call') throw new Error('no tool call');
    expect(toolCall.toolName).toBe('get_weather');
    expect(JSON.parse(toolCall.input)).toEqual({ city: 'Paris' });
    expect(first.finishReason).toEqual({ unified: 'tool-calls', raw: 'tool_use' });

    const second = await anthropic.generate(
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
    const messages = (lastRequest().body as { messages: Array<{ role: string }> }).messages;
    expect(messages.map((message) => message.role)).toEqual(['user', 'assistant', 'user']);
  });

  it('sends an image as a base64 image block', async () => {
    const result = await anthropic.generate(
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
    const content = (lastRequest().body as { messages: Array<{ content: unknown[] }> }).messages[0]?.content;
    expect(content?.[1]).toEqual({
      type: 'image',
      source: { type: 'base64', media_type: 'image/png', data: tinyPngBase64 },
    });
  });

  it('reports prompt cache writes, then reads, in usage', async () => {
    const first = await anthropic.generate(cachedCall('First question'));
    expect(first.usage.inputTokens.cacheWrite).toBeGreaterThan(0);
    expect(first.usage.inputTokens.cacheRead).toBe(0);
    const second = await anthropic.generate(cachedCall('Second question'));
    expect(second.usage.inputTokens.cacheRead).toBe(first.usage.inputTokens.cacheWrite);
    expect(second.usage.inputTokens.cacheWrite).toBe(0);
    const { total, noCache, cacheRead, cacheWrite } = second.usage.inputTokens;
    expect(total).toBe((noCache ?? 0) + (cacheRead ?? 0) + (cacheWrite ?? 0));
  });

  it('returns thinking as reasoning with its signature', async () => {
    const result = await anthropic.generate(
      call({ maxOutputTokens: 2048, reasoning: { budgetTokens: 1024 } }),
    );
    const reasoning = result.content.find((part) => part.type === 'reasoning');
    expect(reasoning).toMatchObject({ type: 'reasoning', text: expect.stringContaining('Hello there') });
    expect(reasoning?.type === 'reasoning' && typeof reasoning.signature).toBe('string');
    expect(lastRequest().body).toMatchObject({ thinking: { type: 'enabled', budget_tokens: 1024 } });
  });

  it('uses the call key instead of the configured one (BYOK)', async () => {
    const wrongKey = createAnthropic({ apiKey: 'sk-ant-wrong', baseURL: upstream.url });
    const result = await wrongKey.generate(call({}, { apiKey: 'sk-ant-test' }));
    expect(textOf(result.content)).toBe('echo: Hello there');
    expect(lastRequest().headers['x-api-key']).toBe('sk-ant-test');
    await wrongKey.close();
  });

  it('forwards anthropic-beta from the client, combined with the configured flags, never its credentials', async () => {
    const withHeaders = createAnthropic({
      apiKey: 'sk-ant-test',
      baseURL: upstream.url,
      headers: { 'anthropic-beta': 'configured-flag-2025-01-01', 'x-team': 'core' },
    });
    await withHeaders.generate(
      call({}, { headers: { 'anthropic-beta': 'client-flag-2025-02-02', 'x-api-key': 'gateway-key' } }),
    );
    const headers = lastRequest().headers;
    expect(headers['anthropic-beta']).toBe('configured-flag-2025-01-01,client-flag-2025-02-02');
    expect(headers['x-team']).toBe('core');
    expect(headers['x-api-key']).toBe('sk-ant-test');
    await withHeaders.close();
  });

  it('passes through fields the canonical model does not know when the client spoke Anthropic', async () => {
    await anthropic.generate(
      call({
        source: {
          format: 'anthropic',
          extraFields: { service_tier: 'standard_only', models: ['fallback'] },
          forwardHeaders: {},
        },
      }),
    );
    const body = lastRequest().body as Record<string, unknown>;
    expect(body.service_tier).toBe('standard_only');
    expect(body).not.toHaveProperty('models');
  });
});

describe('stream', () => {
  it('streams text parts, response metadata with the request id, and a finish with usage', async () => {
    const result = await anthropic.stream(call({ stream: true }));
    expect(result.response?.requestId).toBe('req_fake000001');
    const parts = await collectStream(result.stream);
    expect(parts[0]).toEqual({ type: 'stream-start', warnings: [] });
    expect(parts.find((part) => part.type === 'response-metadata')).toMatchObject({
      id: 'msg_fake000001',
      modelId: 'claude-haiku-4-5',
      requestId: 'req_fake000001',
    });
    expect(textOf(parts)).toBe('echo: Hello there');
    const finish = parts.at(-1) as Extract<StreamPart, { type: 'finish' }>;
    expect(finish).toMatchObject({ type: 'finish', finishReason: { unified: 'stop', raw: 'end_turn' } });
    expect(finish.usage.outputTokens.total).toBeGreaterThan(0);
    expect(lastRequest().body).toMatchObject({ stream: true });
    expect(lastRequest().headers.accept).toBe('text/event-stream');
  });

  it('streams a tool call', async () => {
    const parts = await collectStream(
      (
        await anthropic.stream(
          call({
            stream: true,
            tools: [weatherTool],
            messages: [{ role: 'user', content: [{ type: 'text', text: 'weather in Paris?' }] }],
          }),
        )
      ).stream,
    );
    expect(parts.map((part) => part.type)).toContain('tool-input-delta');
    expect(parts.find((part) => part.type === 'tool-call')).toMatchObject({ toolName: 'get_weather' });
    expect(parts.at(-1)).toMatchObject({ type: 'finish', finishReason: { unified: 'tool-calls' } });
  });

  it('reports cache tokens in the finish usage', async () => {
    await collectStream((await anthropic.stream(cachedCall('First', true))).stream);
    const parts = await collectStream((await anthropic.stream(cachedCall('Second', true))).stream);
    const finish = parts.at(-1) as Extract<StreamPart, { type: 'finish' }>;
    expect(finish.usage.inputTokens.cacheRead).toBeGreaterThan(0);
  });

  it('reports warnings in stream-start', async () => {
    const parts = await collectStream((await anthropic.stream(call({ stream: true, seed: 7 }))).stream);
    expect(parts[0]).toEqual({ type: 'stream-start', warnings: [{ type: 'unsupported', feature: 'seed' }] });
  });
});

describe('countTokens', () => {
  it('posts to /v1/messages/count_tokens without max_tokens or stream', async () => {
    const counted = await anthropic.countTokens(
      call({ stream: true, maxOutputTokens: 50, temperature: 0.5 }),
    );
    expect(counted.inputTokens).toBeGreaterThan(0);
    const request = lastRequest();
    expect(request.path).toBe('/v1/messages/count_tokens');
    expect(request.body).not.toHaveProperty('max_tokens');
    expect(request.body).not.toHaveProperty('stream');
    expect(request.body).not.toHaveProperty('temperature');
  });
});

describe('listModels', () => {
  it('lists the upstream models', async () => {
    const models = await anthropic.listModels?.({ signal: new AbortController().signal });
    expect(models?.map((model) => model.id)).toEqual(['claude-haiku-4-5', 'claude-sonnet-4-5']);
    expect(models?.[0]).toMatchObject({
      name: 'claude-haiku-4-5',
      ownedBy: 'anthropic',
      created: 1759276800,
    });
    expect(lastRequest()).toMatchObject({ method: 'GET', path: '/v1/models?limit=1000' });
  });

  it('serves a configured list, or none', async () => {
    expect(
      await createAnthropic({ listModels: ['claude-opus-4-1'] }).listModels?.({
        signal: new AbortController().signal,
      }),
    ).toEqual([{ id: 'claude-opus-4-1', ownedBy: 'anthropic' }]);
    expect(createAnthropic({ listModels: false }).listModels).toBeUndefined();
  });
});
