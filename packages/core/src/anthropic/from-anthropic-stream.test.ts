import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseSse, type SseEvent } from '../sse/parse-sse.js';
import type { StreamPart } from '../spec/v1/stream-part.js';
import { fromAnthropicStream } from './from-anthropic-stream.js';

const recorded = readFileSync(
  new URL('./__fixtures__/anthropic-thinking-tool.sse.txt', import.meta.url),
  'utf8',
);

async function collect(events: AsyncIterable<SseEvent>): Promise<StreamPart[]> {
  const parts: StreamPart[] = [];
  for await (const part of fromAnthropicStream(events, [])) parts.push(part);
  return parts;
}

async function* events(...items: Array<Record<string, unknown> | string>): AsyncGenerator<SseEvent> {
  for (const item of items) {
    if (typeof item === 'string') yield { data: item };
    else yield { event: String(item.type), data: JSON.stringify(item) };
  }
}

const messageStart = {
  type: 'message_start',
  message: {
    id: 'msg_1',
    type: 'message',
    role: 'assistant',
    model: 'claude-haiku-4-5-20251001',
    content: [],
    stop_reason: null,
    stop_sequence: null,
    usage: { input_tokens: 10, output_tokens: 1 },
  },
};

describe('fromAnthropicStream', () => {
  it('decodes a recorded stream with thinking, text and tool use', async () => {
    const parts = await collect(parseSse(asyncOf([recorded])));
    const signature =
      'EqQBCgIYAhIM1gbcDa9GJwZA2b3hGgxBdjrkzLoky3dl1pkiMOYds3TRjrCx8ud6cFkT5oRX4BZ0cMasLhNsZ5xjyf4nOyc3XapyYz0kZd8YLl4q5Q==';
    expect(parts).toEqual([
      { type: 'stream-start', warnings: [] },
      {
        type: 'response-metadata',
        id: 'msg_014p7gG3wDgGV9EUtLvnow3U',
        modelId: 'claude-sonnet-4-5-20250929',
      },
      { type: 'reasoning-start', id: '0' },
      { type: 'reasoning-delta', id: '0', delta: 'The user asks for the weather' },
      { type: 'reasoning-delta', id: '0', delta: ' in San Francisco; I should call get_weather.' },
      { type: 'reasoning-signature', id: '0', signature },
      { type: 'reasoning-end', id: '0' },
      { type: 'text-start', id: '1' },
      { type: 'text-delta', id: '1', delta: "Okay, let's check" },
      { type: 'text-delta', id: '1', delta: ' the weather for San Francisco, CA:' },
      { type: 'text-end', id: '1' },
      { type: 'tool-input-start', id: 'toolu_01T1x1fJ34qAmk2tNTrN7Up6', toolName: 'get_weather' },
      { type: 'tool-input-delta', id: 'toolu_01T1x1fJ34qAmk2tNTrN7Up6', delta: '{"location":' },
      {
        type: 'tool-input-delta',
        id: 'toolu_01T1x1fJ34qAmk2tNTrN7Up6',
        delta: ' "San Francisco, CA", "unit": "fahrenheit"}',
      },
      { type: 'tool-input-end', id: 'toolu_01T1x1fJ34qAmk2tNTrN7Up6' },
      {
        type: 'tool-call',
        toolCallId: 'toolu_01T1x1fJ34qAmk2tNTrN7Up6',
        toolName: 'get_weather',
        input: '{"location": "San Francisco, CA", "unit": "fahrenheit"}',
      },
      {
        type: 'finish',
        finishReason: { unified: 'tool-calls', raw: 'tool_use' },
        usage: {
          inputTokens: { total: 728, noCache: 472, cacheRead: 256, cacheWrite: 0 },
          outputTokens: { total: 89, text: undefined, reasoning: undefined },
          raw: expect.objectContaining({ input_tokens: 472, output_tokens: 89, service_tier: 'standard' }),
        },
        providerMetadata: {
          anthropic: {
            stop_sequence: null,
            usage: {
              cache_creation: { ephemeral_5m_input_tokens: 0, ephemeral_1h_input_tokens: 0 },
              service_tier: 'standard',
            },
            context_management: { applied_edits: [] },
          },
        },
      },
    ]);
  });

  it('gives a tool without input deltas an empty object, and keeps the stop sequence', async () => {
    const parts = await collect(
      events(
        messageStart,
        {
          type: 'content_block_start',
          index: 0,
          content_block: { type: 'tool_use', id: 't1', name: 'now', input: {} },
        },
        { type: 'content_block_delta', index: 0, delta: { type: 'input_json_delta', partial_json: '' } },
        { type: 'content_block_stop', index: 0 },
        {
          type: 'message_delta',
          delta: { stop_reason: 'stop_sequence', stop_sequence: '###' },
          usage: { output_tokens: 5 },
        },
        { type: 'message_stop' },
      ),
    );
    expect(parts).toContainEqual({ type: 'tool-call', toolCallId: 't1', toolName: 'now', input: '{}' });
    const finish = parts.at(-1);
    expect(finish).toMatchObject({
      type: 'finish',
      finishReason: { unified: 'stop', raw: 'stop_sequence' },
      usage: { inputTokens: { total: 10, noCache: 10 }, outputTokens: { total: 5 } },
      providerMetadata: { anthropic: { stop_sequence: '###' } },
    });
  });

  it('passes redacted thinking, citations and server tool blocks', async () => {
    const citation = { type: 'char_location', cited_text: 'green', document_index: 0 };
    const parts = await collect(
      events(
        messageStart,
        {
          type: 'content_block_start',
          index: 0,
          content_block: { type: 'redacted_thinking', data: 'opaque' },
        },
        { type: 'content_block_stop', index: 0 },
        {
          type: 'content_block_start',
          index: 1,
          content_block: { type: 'server_tool_use', id: 'srvtoolu_1', name: 'web_search', input: {} },
        },
        {
          type: 'content_block_delta',
          index: 1,
          delta: { type: 'input_json_delta', partial_json: '{"query":' },
        },
        {
          type: 'content_block_delta',
          index: 1,
          delta: { type: 'input_json_delta', partial_json: '"grass"}' },
        },
        { type: 'content_block_stop', index: 1 },
        { type: 'content_block_start', index: 2, content_block: { type: 'text', text: '' } },
        { type: 'content_block_delta', index: 2, delta: { type: 'citations_delta', citation } },
        { type: 'content_block_delta', index: 2, delta: { type: 'text_delta', text: 'Grass is green.' } },
        { type: 'content_block_stop', index: 2 },
        {
          type: 'message_delta',
          delta: { stop_reason: 'end_turn', stop_sequence: null },
          usage: { output_tokens: 9 },
        },
        { type: 'message_stop' },
      ),
    );
    expect(parts.slice(2, -1)).toEqual([
      { type: 'reasoning-redacted', id: '0', data: 'opaque' },
      {
        type: 'text-start',
        id: '1',
        providerMetadata: {
          anthropic: {
            rawBlock: {
              type: 'server_tool_use',
              id: 'srvtoolu_1',
              name: 'web_search',
              input: { query: 'grass' },
            },
          },
        },
      },
      { type: 'text-end', id: '1' },
      { type: 'text-start', id: '2' },
      { type: 'text-delta', id: '2', delta: 'Grass is green.' },
      { type: 'text-end', id: '2', providerMetadata: { anthropic: { citations: [citation] } } },
    ]);
  });

  it('turns an error event into an error part with the provider status', async () => {
    const parts = await collect(
      events(messageStart, { type: 'error', error: { type: 'overloaded_error', message: 'Overloaded' } }),
    );
    const last = parts.at(-1);
    expect(last?.type).toBe('error');
    expect(last?.type === 'error' && last.error).toMatchObject({
      status: 529,
      type: 'overloaded_error',
      isRetryable: true,
      message: 'Overloaded',
    });
  });

  it('reports bad JSON, a truncated stream and a failing source as retryable 502 errors', async () => {
    const badJson = await collect(events(messageStart, '{"type":'));
    expect(badJson.at(-1)).toMatchObject({ type: 'error', error: { status: 502, type: 'upstream_error' } });

    const truncated = await collect(
      events(messageStart, {
        type: 'content_block_start',
        index: 0,
        content_block: { type: 'text', text: '' },
      }),
    );
    expect(truncated.at(-1)).toMatchObject({
      type: 'error',
      error: {
        status: 502,
        type: 'upstream_error',
        isRetryable: true,
        message: 'Upstream stream ended before completion',
      },
    });

    async function* failing(): AsyncGenerator<SseEvent> {
      yield { event: 'message_start', data: JSON.stringify(messageStart) };
      throw new Error('socket hang up');
    }
    const failed = await collect(failing());
    expect(failed.at(-1)).toMatchObject({
      type: 'error',
      error: { status: 502, isRetryable: true, message: 'Upstream stream failed: socket hang up' },
    });
  });

  it('ignores pings and stops reading after message_stop', async () => {
    const parts = await collect(
      events(
        messageStart,
        { type: 'ping' },
        { type: 'message_delta', delta: { stop_reason: 'end_turn' }, usage: { output_tokens: 1 } },
        { type: 'message_stop' },
        { type: 'content_block_start', index: 0, content_block: { type: 'text', text: 'late' } },
      ),
    );
    expect(parts.map((part) => part.type)).toEqual(['stream-start', 'response-metadata', 'finish']);
  });
});

async function* asyncOf<T>(items: Iterable<T>): AsyncGenerator<T> {
  yield* items;
}
