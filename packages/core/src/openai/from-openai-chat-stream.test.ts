import { describe, expect, it } from 'vitest';
import { GatewayError } from '../errors/gateway-error.js';
import type { SseEvent } from '../sse/parse-sse.js';
import type { StreamPart } from '../spec/v1/stream-part.js';
import { fromOpenAIChatStream } from './from-openai-chat-stream.js';
import { chunkEvents, collect, fromArray, readChunks } from './openai-test-utils.js';

function events(...data: string[]): AsyncIterable<SseEvent> {
  return fromArray(data.map((item) => ({ data: item }) as SseEvent));
}

function errorOf(parts: StreamPart[]): GatewayError {
  const last = parts.at(-1);
  if (last?.type !== 'error' || !GatewayError.isInstance(last.error))
    throw new Error('expected an error part');
  return last.error;
}

describe('fromOpenAIChatStream', () => {
  it('converts the text stream fixture, usage chunk included', async () => {
    const warnings = [{ type: 'unsupported' as const, feature: 'topK' }];
    const parts = await collect(fromOpenAIChatStream(chunkEvents('openai-chat-stream.chunks.txt'), warnings));
    const usageChunk = readChunks('openai-chat-stream.chunks.txt').at(-1);
    expect(parts).toEqual([
      { type: 'stream-start', warnings },
      {
        type: 'response-metadata',
        id: 'chatcmpl-123',
        modelId: 'gpt-4o-mini-2024-07-18',
        created: 1694268190,
        extra: { system_fingerprint: 'fp_44709d6fcb' },
      },
      { type: 'text-start', id: 'text-0' },
      { type: 'text-delta', id: 'text-0', delta: 'Hello' },
      { type: 'text-delta', id: 'text-0', delta: '!' },
      { type: 'text-delta', id: 'text-0', delta: ' How can I help?' },
      { type: 'text-end', id: 'text-0' },
      {
        type: 'finish',
        finishReason: { unified: 'stop', raw: 'stop' },
        usage: {
          inputTokens: { total: 9, noCache: 9, cacheRead: 0, cacheWrite: undefined },
          outputTokens: { total: 6, text: 6, reasoning: 0 },
          raw: usageChunk?.usage,
        },
      },
    ]);
  });

  it('assembles parallel tool calls from the tool-call stream fixture', async () => {
    const parts = await collect(
      fromOpenAIChatStream(chunkEvents('openai-chat-stream-tool-calls.chunks.txt'), []),
    );
    expect(parts.slice(2)).toEqual([
      { type: 'tool-input-start', id: 'call_DdmO9pD3xa9XTPNJ32zg2hcA', toolName: 'get_weather' },
      { type: 'tool-input-delta', id: 'call_DdmO9pD3xa9XTPNJ32zg2hcA', delta: '{"location"' },
      { type: 'tool-input-delta', id: 'call_DdmO9pD3xa9XTPNJ32zg2hcA', delta: ': "Paris, France"}' },
      { type: 'tool-input-end', id: 'call_DdmO9pD3xa9XTPNJ32zg2hcA' },
      {
        type: 'tool-call',
        toolCallId: 'call_DdmO9pD3xa9XTPNJ32zg2hcA',
        toolName: 'get_weather',
        input: '{"location": "Paris, France"}',
      },
      { type: 'tool-input-start', id: 'call_ABwhbAzvpkfm5DWEVBJRw0Rv', toolName: 'get_weather' },
      {
        type: 'tool-input-delta',
        id: 'call_ABwhbAzvpkfm5DWEVBJRw0Rv',
        delta: '{"location": "Bogotá, Colombia"}',
      },
      { type: 'tool-input-end', id: 'call_ABwhbAzvpkfm5DWEVBJRw0Rv' },
      {
        type: 'tool-call',
        toolCallId: 'call_ABwhbAzvpkfm5DWEVBJRw0Rv',
        toolName: 'get_weather',
        input: '{"location": "Bogotá, Colombia"}',
      },
      {
        type: 'finish',
        finishReason: { unified: 'tool-calls', raw: 'tool_calls' },
        usage: expect.objectContaining({
          inputTokens: { total: 76, noCache: 12, cacheRead: 64, cacheWrite: undefined },
        }),
      },
    ]);
  });

  it('keeps every argument fragment of calls a server interleaves', async () => {
    const chunk = (delta: unknown, finish: string | null = null) =>
      JSON.stringify({ id: 'c', choices: [{ index: 0, delta, finish_reason: finish }] });
    const call = (index: number, id: string) => ({
      tool_calls: [{ index, id, type: 'function', function: { name: 'get_weather', arguments: '' } }],
    });
    const args = (index: number, text: string) => ({
      tool_calls: [{ index, function: { arguments: text } }],
    });
    const parts = await collect(
      fromOpenAIChatStream(
        events(
          chunk(call(0, 'call_a')),
          chunk(args(0, '{"city": ')),
          chunk(call(1, 'call_b')),
          chunk(args(1, '{"city": "Rome"}')),
          chunk(args(0, '"Paris"}')),
          chunk({}, 'tool_calls'),
          '[DONE]',
        ),
        [],
      ),
    );
    expect(parts.filter((part) => part.type === 'tool-call')).toEqual([
      { type: 'tool-call', toolCallId: 'call_a', toolName: 'get_weather', input: '{"city": "Paris"}' },
      { type: 'tool-call', toolCallId: 'call_b', toolName: 'get_weather', input: '{"city": "Rome"}' },
    ]);
  });

  it('reads DeepSeek reasoning_content and closes reasoning before text', async () => {
    const parts = await collect(
      fromOpenAIChatStream(chunkEvents('deepseek-chat-stream-reasoning.chunks.txt'), []),
    );
    expect(parts.slice(2)).toEqual([
      { type: 'reasoning-start', id: 'reasoning-0' },
      { type: 'reasoning-delta', id: 'reasoning-0', delta: '9.11 vs 9.8:' },
      { type: 'reasoning-delta', id: 'reasoning-0', delta: ' 0.80 > 0.11.' },
      { type: 'reasoning-end', id: 'reasoning-0' },
      { type: 'text-start', id: 'text-0' },
      { type: 'text-delta', id: 'text-0', delta: '9.8 is greater.' },
      { type: 'text-end', id: 'text-0' },
      {
        type: 'finish',
        finishReason: { unified: 'stop', raw: 'stop' },
        usage: expect.objectContaining({ outputTokens: { total: 52, text: 12, reasoning: 40 } }),
      },
    ]);
  });

  it('turns OpenRouter’s mid-stream error chunk into an error part', async () => {
    const parts = await collect(
      fromOpenAIChatStream(chunkEvents('openrouter-chat-stream-error.chunks.txt'), []),
    );
    expect(parts.map((part) => part.type)).toEqual([
      'stream-start',
      'response-metadata',
      'text-start',
      'text-delta',
      'error',
    ]);
    const error = errorOf(parts);
    expect(error.status).toBe(502);
    expect(error.code).toBe('server_error');
    expect(error.message).toBe('Provider disconnected unexpectedly');

    const numeric = await collect(
      fromOpenAIChatStream(events('{"error":{"code":429,"message":"Rate limited"}}'), []),
    );
    expect(errorOf(numeric).status).toBe(429);
    expect(errorOf(numeric).isRetryable).toBe(true);
  });

  it('reports bad JSON and a stream that ends before a finish reason as 502 errors', async () => {
    const badJson = await collect(fromOpenAIChatStream(events('{"choices":[', '[DONE]'), []));
    expect(errorOf(badJson)).toMatchObject({ status: 502, type: 'upstream_error' });

    const cut = await collect(
      fromOpenAIChatStream(
        events('{"id":"x","choices":[{"index":0,"delta":{"content":"Hi"},"finish_reason":null}]}'),
        [],
      ),
    );
    expect(errorOf(cut).message).toBe('Upstream stream ended before completion');
    expect(errorOf(cut)).toMatchObject({ status: 502, type: 'upstream_error', isRetryable: true });
  });

  it('stops reading at [DONE], yields logprobs and tolerates missing ids and null choices', async () => {
    const logprobs = { content: [{ token: 'Hi', logprob: -0.5, bytes: [72, 105], top_logprobs: [] }] };
    const parts = await collect(
      fromOpenAIChatStream(
        events(
          JSON.stringify({ id: 'a', choices: [{ index: 0, delta: { content: 'Hi' }, logprobs }] }),
          JSON.stringify({
            choices: [
              { index: 0, delta: { tool_calls: [{ index: 0, function: { name: 'f', arguments: '{}' } }] } },
            ],
          }),
          JSON.stringify({ choices: [{ index: 0, delta: {}, finish_reason: 'tool_calls' }] }),
          JSON.stringify({
            choices: null,
            usage: { prompt_tokens: 3, completion_tokens: 4, total_tokens: 7 },
          }),
          '[DONE]',
          'not json, never read',
        ),
        [],
      ),
    );
    expect(parts.map((part) => part.type)).toEqual([
      'stream-start',
      'response-metadata',
      'logprobs',
      'text-start',
      'text-delta',
      'text-end',
      'tool-input-start',
      'tool-input-delta',
      'tool-input-end',
      'tool-call',
      'finish',
    ]);
    expect(parts[2]).toEqual({ type: 'logprobs', logprobs });
    expect(parts[9]).toMatchObject({ type: 'tool-call', toolName: 'f', input: '{}' });
    expect(parts.at(-1)).toMatchObject({ usage: { inputTokens: { total: 3 }, outputTokens: { total: 4 } } });
  });
});
