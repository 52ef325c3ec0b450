import { type ChatRequest, GatewayError, type ProviderCall, type StreamPart } from '@signalbox/core';
import { collectStream, streamProblems, textOf, weatherTool } from '@signalbox/testing';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { COHERE_DEFAULT_BASE_URL, type CohereProvider, createCohere } from './cohere-provider.js';
import { type FakeCohere, startFakeCohere } from './fake-cohere.js';

let upstream: FakeCohere;
let cohere: CohereProvider;

beforeAll(async () => {
  upstream = await startFakeCohere({ apiKey: 'co-test' });
  // A trailing slash on the base URL is fine.
  cohere = createCohere({
    apiKey: 'co-test',
    baseURL: `${upstream.url}/`,
    headers: { 'x-client-name': 'signalbox' },
  });
});
afterAll(async () => {
  await cohere.close();
  await upstream.close();
});
beforeEach(() => upstream.reset());

function call(overrides: Partial<ChatRequest> = {}, extra: Partial<ProviderCall> = {}): ProviderCall {
  return {
    modelId: 'command-a-03-2025',
    signal: new AbortController().signal,
    request: {
      model: 'cohere/command-a-03-2025',
      messages: [{ role: 'user', content: [{ type: 'text', text: 'Hello there' }] }],
      stream: false,
      ...overrides,
    },
    ...extra,
  };
}

async function rejection(promise: Promise<unknown>): Promise<GatewayError> {
  const error = await promise.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  if (!GatewayError.isInstance(error)) throw new Error(`expected a GatewayError, got ${String(error)}`);
  return error;
}

async function streamParts(providerCall: ProviderCall): Promise<StreamPart[]> {
  return collectStream((await cohere.stream(providerCall)).stream);
}

describe('createCohere', () => {
  it('declares itself, with no client format', () => {
    expect(cohere).toMatchObject({ specificationVersion: 'v1', name: 'cohere' });
    expect(cohere.format).toBeUndefined();
    const other = createCohere({ apiKey: 'k', name: 'cohere-eu' });
    expect(other.baseURL).toBe(COHERE_DEFAULT_BASE_URL);
    expect(other.name).toBe('cohere-eu');
    expect(other.listModels).toBeUndefined();
  });

  it('throws a TypeError naming a bad option', () => {
    expect(() => createCohere({ apiKey: 'k', baseURL: 'api.cohere.com' })).toThrow(/'baseURL'/);
  });
});

describe('generate', () => {
  it('posts to /v2/chat and returns text, usage and response info', async () => {
    const result = await cohere.generate(call({ maxOutputTokens: 50, temperature: 0.2 }));
    expect(textOf(result.content)).toBe('echo: Hello there');
    expect(result.finishReason).toEqual({ unified: 'stop', raw: 'COMPLETE' });
    expect(result.usage.inputTokens.total).toBeGreaterThan(0);
    expect(result.usage.inputTokens.cacheRead).toBe(0);
    expect(result.usage.outputTokens.total).toBe(3);
    expect(result.response).toMatchObject({
      id: '00000000-fake-4000-8000-000000000001',
      modelId: 'command-a-03-2025',
      requestId: 'fake-trace-000001',
    });
    const request = upstream.requests.at(-1);
    expect(request).toMatchObject({ method: 'POST', path: '/v2/chat' });
    expect(request?.headers).toMatchObject({
      authorization: 'Bearer co-test',
      'x-client-name': 'signalbox',
      accept: 'application/json',
    });
    expect(request?.body).toEqual({
      model: 'command-a-03-2025',
      messages: [{ role: 'user', content: 'Hello there' }],
      max_tokens: 50,
      temperature: 0.2,
    });
  });

  it('calls a tool and completes the round trip', async () => {
    const ask = {
      messages: [{ role: 'user' as const, content: [{ type: 'text' as const, text: 'weather in Paris?' }] }],
    };
    const first = await cohere.generate(call({ ...ask, tools: [weatherTool] }));
    const toolCall = first.content.find((part) => part.type === 'tool-call');
    expect(toolCall).toMatchObject({ toolName: 'get_weather', input: '{"city":"Paris"}' });
    expect(first.content[0]).toEqual({ type: 'text', text: 'I will use get_weather to answer this.' });
    if (toolCall?.type !== 'tool-call') throw new Error('no tool call');
    const second = await cohere.generate(
      call({
        tools: [weatherTool],
        messages: [
          ...ask.messages,
          { role: 'assistant', content: first.content },
          {
            role: 'tool',
            content: [{ type: 'tool-result', toolCallId: toolCall.toolCallId, output: 'Sunny' }],
          },
        ],
      }),
    );
    expect(textOf(second.content)).toBe('tool said: Sunny');
    const sent = upstream.requests.at(-1)?.body as { messages: unknown[] };
    expect(sent.messages[1]).toEqual({
      role: 'assistant',
      tool_plan: 'I will use get_weather to answer this.',
      tool_calls: [
        {
          id: toolCall.toolCallId,
          type: 'function',
          function: { name: 'get_weather', arguments: '{"city":"Paris"}' },
        },
      ],
    });
  });

  it("uses the call's own key (bring your own key) and forwards the call's headers, never its credentials", async () => {
    await rejection(
      cohere.generate(call({}, { apiKey: 'co-principal', headers: { 'x-trace': 't1', authorization: 'x' } })),
    );
    expect(upstream.requests.at(-1)?.headers).toMatchObject({
      authorization: 'Bearer co-principal',
      'x-trace': 't1',
    });
  });

  it('a rejected key is a 502 upstream_authentication_failed, worded for the operator or the principal', async () => {
    const wrong = createCohere({ apiKey: 'co-wrong', baseURL: upstream.url });
    const error = await rejection(wrong.generate(call()));
    expect(error).toMatchObject({ status: 502, code: 'upstream_authentication_failed', isRetryable: false });
    expect(error.message).toMatch(/operator/);
    const byok = await rejection(cohere.generate(call({}, { apiKey: 'co-principal' })));
    expect(byok.message).toMatch(/bring your own key/);
    await wrong.close();
  });

  it("passes Cohere's 400 through with its message", async () => {
    const error = await rejection(cohere.generate(call({ temperature: 1.5 })));
    expect(error).toMatchObject({ status: 400, isRetryable: false });
    expect(error.message).toBe('invalid request: temperature must be between 0 and 1 inclusive.');
  });

  it('maps faults: bad JSON and a cut body are retryable 502s, a reset too, a 429 keeps Retry-After', async () => {
    for (const fault of ['bad-json', 'truncate', 'drop-1', 'reset']) {
      const error = await rejection(cohere.generate(call({}, { modelId: `command-a-03-2025:${fault}` })));
      expect(error, fault).toMatchObject({ status: 502, isRetryable: true, provider: 'cohere' });
    }
    const limited = await rejection(
      cohere.generate(call({}, { modelId: 'command-a-03-2025:status-429:retry-after-3' })),
    );
    expect(limited).toMatchObject({ status: 429, isRetryable: true, retryAfter: 3 });
    expect(limited.message).toMatch(/Trial key/);
  });
});

describe('stream', () => {
  it('streams text, and reuses the keep-alive socket after a complete stream', async () => {
    const connectionsBefore = upstream.connections;
    for (let round = 0; round < 3; round += 1) {
      const parts = await streamParts(call({ stream: true }));
      expect(streamProblems(parts)).toEqual([]);
      expect(textOf(parts)).toBe('echo: Hello there');
      expect(parts[1]).toMatchObject({
        type: 'response-metadata',
        requestId: expect.stringMatching(/^fake-trace-/),
      });
      expect(parts.at(-1)).toMatchObject({
        type: 'finish',
        finishReason: { unified: 'stop', raw: 'COMPLETE' },
      });
      // The rest of the body is drained in the background; then the socket is back in the pool.
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(upstream.requests.at(-1)?.headers.accept).toBe('text/event-stream');
    expect(upstream.connections - connectionsBefore).toBeLessThanOrEqual(1);
  });

  it('streams a tool call', async () => {
    const parts = await streamParts(
      call({ stream: true, tools: [weatherTool], toolChoice: { type: 'required' } }),
    );
    expect(streamProblems(parts)).toEqual([]);
    expect(parts.find((part) => part.type === 'tool-call')).toMatchObject({
      toolName: 'get_weather',
      input: '{"city":"Paris"}',
    });
  });

  it('turns mid-stream faults into error parts', async () => {
    for (const fault of ['bad-json', 'truncate', 'drop-1']) {
      const parts = await streamParts(call({ stream: true }, { modelId: `command-a-03-2025:${fault}` }));
      expect(streamProblems(parts, { allowError: true }), fault).toEqual([]);
      const last = parts.at(-1);
      expect(last?.type, fault).toBe('error');
      expect(last?.type === 'error' && last.error, fault).toMatchObject({ status: 502, isRetryable: true });
    }
  });

  it('rejects an error status before any part', async () => {
    const error = await rejection(
      cohere.stream(call({ stream: true }, { modelId: 'command-a-03-2025:status-503' })),
    );
    expect(error).toMatchObject({ status: 503, isRetryable: true });
  });

  it('closes the upstream socket when the consumer stops early', async () => {
    const result = await cohere.stream(call({ stream: true }, { modelId: 'command-a-03-2025:drip-20' }));
    for await (const part of result.stream) if (part.type === 'text-delta') break;
    await expect.poll(() => upstream.counters.aborted).toBe(1);
  });
});

describe('listModels', () => {
  it('serves a configured list, or asks Cohere for its chat models', async () => {
    const fixed = createCohere({ apiKey: 'co-test', listModels: ['command-a-03-2025'] });
    expect(await fixed.listModels?.({ signal: new AbortController().signal })).toEqual([
      { id: 'command-a-03-2025', ownedBy: 'cohere' },
    ]);
    const asking = createCohere({ apiKey: 'co-test', baseURL: upstream.url, listModels: true });
    const models = await asking.listModels?.({ signal: new AbortController().signal });
    expect(models?.map((model) => model.id)).toEqual(['command-a-03-2025', 'command-r7b-12-2024']);
    expect(upstream.requests.at(-1)?.path).toBe('/v1/models?endpoint=chat&page_size=1000');
    await Promise.all([fixed.close(), asking.close()]);
  });
});
