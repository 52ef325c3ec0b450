import type { ChatRequest, GatewayError, ProviderCall, StreamPart } from '@signalbox/core';
import { describe, expect, it } from 'vitest';
import { createMockProvider } from './mock-provider.js';

function call(
  modelId: string,
  request: Partial<ChatRequest> = {},
  signal = new AbortController().signal,
): ProviderCall {
  return {
    modelId,
    signal,
    request: {
      model: `mock/${modelId}`,
      stream: false,
      messages: [{ role: 'user', content: [{ type: 'text', text: 'hello mock world' }] }],
      ...request,
    },
  };
}

async function collect(stream: AsyncIterable<StreamPart>): Promise<StreamPart[]> {
  const parts: StreamPart[] = [];
  for await (const part of stream) parts.push(part);
  return parts;
}

describe('createMockProvider', () => {
  it('echoes the last user text with usage, and records calls', async () => {
    const provider = createMockProvider();
    const result = await provider.generate(call('echo'));
    expect(result.content).toEqual([{ type: 'text', text: 'echo: hello mock world' }]);
    expect(result.finishReason).toEqual({ unified: 'stop', raw: 'stop' });
    expect(result.usage.outputTokens.total).toBe(4);
    expect(result.usage.inputTokens.total).toBe(4);
    expect(provider.calls).toHaveLength(1);
  });

  it('streams word by word and finishes with usage', async () => {
    const { stream } = await createMockProvider().stream(call('echo'));
    const parts = await collect(stream);
    expect(parts[0]?.type).toBe('stream-start');
    const text = parts.flatMap((part) => (part.type === 'text-delta' ? [part.delta] : [])).join('');
    expect(text).toBe('echo: hello mock world');
    expect(parts.at(-1)).toMatchObject({ type: 'finish', usage: { outputTokens: { total: 4 } } });
  });

  it('calls the first tool when asked, and reads tool results back', async () => {
    const tools = [
      {
        type: 'function' as const,
        name: 'get_weather',
        inputSchema: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
      },
    ];
    const result = await createMockProvider().generate(
      call('echo', {
        tools,
        messages: [{ role: 'user', content: [{ type: 'text', text: 'weather in Paris' }] }],
      }),
    );
    expect(result.finishReason.unified).toBe('tool-calls');
    expect(result.content[0]).toMatchObject({
      type: 'tool-call',
      toolName: 'get_weather',
      input: '{"city":"Paris"}',
    });
    const back = await createMockProvider().generate(
      call('echo', {
        messages: [{ role: 'tool', content: [{ type: 'tool-result', toolCallId: 'c1', output: 'sunny' }] }],
      }),
    );
    expect(back.content).toEqual([{ type: 'text', text: 'tool said: sunny' }]);
  });

  it('fails on demand: status with retry-after, flaky, drop mid-stream, hang until aborted', async () => {
    const provider = createMockProvider();
    const failure = (await provider
      .generate(call('echo:status-429:retry-after-3'))
      .catch((error) => error)) as GatewayError;
    expect(failure).toMatchObject({ status: 429, isRetryable: true, retryAfter: 3 });
    await expect(provider.generate(call('echo:flaky-500-1'))).rejects.toMatchObject({ status: 500 });
    await expect(provider.generate(call('echo:flaky-500-1'))).resolves.toBeDefined();

    const { stream } = await provider.stream(call('echo:drop-1'));
    const parts = await collect(stream);
    expect(parts.at(-1)?.type).toBe('error');

    const controller = new AbortController();
    const hung = provider.generate(call('echo:hang', {}, controller.signal));
    controller.abort();
    await expect(hung).rejects.toThrow();
  });

  it('honours stop sequences and max tokens', async () => {
    const provider = createMockProvider();
    expect((await provider.generate(call('echo', { stopSequences: ['mock'] }))).content).toEqual([
      { type: 'text', text: 'echo: hello ' },
    ]);
    const limited = await provider.generate(call('echo', { maxOutputTokens: 2 }));
    expect(limited.finishReason.unified).toBe('length');
  });
});
