import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { GatewayError } from '../errors/gateway-error.js';
import type { EncodeOptions } from '../gateway/client-codec.js';
import { parseSse } from '../sse/parse-sse.js';
import type { StreamPart } from '../spec/v1/stream-part.js';
import { encodeAnthropicStream } from './encode-anthropic-stream.js';
import { fromAnthropicStream } from './from-anthropic-stream.js';

const recorded = readFileSync(
  new URL('./__fixtures__/anthropic-thinking-tool.sse.txt', import.meta.url),
  'utf8',
);

function options(overrides: Partial<EncodeOptions> = {}): EncodeOptions {
  return {
    id: 'msg_gateway_1',
    model: 'openai/gpt-4o-mini',
    created: 1_700_000_000,
    request: { model: 'openai/gpt-4o-mini', messages: [], stream: true },
    includeUsage: false,
    extend: () => ({}),
    ...overrides,
  };
}

async function* from(parts: StreamPart[]): AsyncGenerator<StreamPart> {
  yield* parts;
}

async function frames(parts: AsyncIterable<StreamPart>, encodeOptions = options()): Promise<string[]> {
  const out: string[] = [];
  for await (const frame of encodeAnthropicStream(parts, encodeOptions)) out.push(frame);
  return out;
}

async function events(parts: AsyncIterable<StreamPart>, encodeOptions = options()) {
  const out: Array<{ event: string | undefined; data: Record<string, unknown> }> = [];
  for await (const event of parseSse(asyncOf(await frames(parts, encodeOptions)))) {
    out.push({ event: event.event, data: JSON.parse(event.data) });
  }
  return out;
}

const usage = {
  inputTokens: { total: 25, noCache: 20, cacheRead: 5, cacheWrite: undefined },
  outputTokens: { total: 7, text: undefined, reasoning: undefined },
};
const finish: StreamPart = { type: 'finish', finishReason: { unified: 'stop', raw: 'stop' }, usage };

describe('encodeAnthropicStream', () => {
  it('writes the exact frames of a text stream', async () => {
    const output = await frames(
      from([
        { type: 'stream-start', warnings: [] },
        { type: 'response-metadata', id: 'chatcmpl-1', modelId: 'gpt-4o-mini-2024-07-18' },
        { type: 'text-start', id: 't' },
        { type: 'text-delta', id: 't', delta: 'Hello' },
        { type: 'text-delta', id: 't', delta: '!' },
        { type: 'text-end', id: 't' },
        finish,
      ]),
      options({ extend: () => ({ body: { provider: 'openai' }, usage: { cost: 0.5 } }) }),
    );
    expect(output).toEqual([
      'event: message_start\ndata: {"type":"message_start","message":{"id":"msg_gateway_1","type":"message","role":"assistant","model":"openai/gpt-4o-mini","content":[],"stop_reason":null,"stop_sequence":null,"usage":{"input_tokens":0,"cache_creation_input_tokens":null,"cache_read_input_tokens":null,"output_tokens":1}}}\n\n',
      'event: ping\ndata: {"type":"ping"}\n\n',
      'event: content_block_start\ndata: {"type":"content_block_start","index":0,"content_block":{"type":"text","text":""}}\n\n',
      'event: content_block_delta\ndata: {"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"Hello"}}\n\n',
      'event: content_block_delta\ndata: {"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"!"}}\n\n',
      'event: content_block_stop\ndata: {"type":"content_block_stop","index":0}\n\n',
      'event: message_delta\ndata: {"type":"message_delta","delta":{"stop_reason":"end_turn","stop_sequence":null},"usage":{"input_tokens":20,"output_tokens":7,"cache_creation_input_tokens":null,"cache_read_input_tokens":5,"cost":0.5},"provider":"openai"}\n\n',
      'event: message_stop\ndata: {"type":"message_stop"}\n\n',
    ]);
  });

  it('re-encodes a recorded Anthropic stream block for block', async () => {
    const original: Array<{ event: string | undefined; data: Record<string, unknown> }> = [];
    for await (const event of parseSse(asyncOf([recorded])))
      original.push({ event: event.event, data: JSON.parse(event.data) });
    const encoded = await events(fromAnthropicStream(parseSse(asyncOf([recorded])), []));
    const blocks = (list: typeof original) =>
      list.filter(
        ({ data }) =>
          String(data.type).startsWith('content_block') &&
          !(isRecord(data.delta) && data.delta.type === 'input_json_delta' && data.delta.partial_json === ''),
      );
    expect(blocks(encoded)).toEqual(blocks(original));
    expect(encoded.map(({ event }) => event)).toEqual([
      'message_start',
      'ping',
      ...blocks(original).map(({ event }) => event),
      'message_delta',
      'message_stop',
    ]);
    const delta = encoded.find(({ event }) => event === 'message_delta')?.data;
    const originalDelta = original.find(({ event }) => event === 'message_delta')?.data;
    expect(delta).toMatchObject(originalDelta ?? {});
  });

  it('writes a whole tool_use block for a tool call that was not streamed, and redacted thinking', async () => {
    const encoded = await events(
      from([
        { type: 'reasoning-redacted', id: 'r', data: 'opaque' },
        { type: 'tool-call', toolCallId: 'call_1', toolName: 'lookup', input: '{"q":"x"}' },
        { type: 'tool-call', toolCallId: 'call_2', toolName: 'now', input: '' },
        { ...finish, finishReason: { unified: 'tool-calls', raw: 'tool_calls' } },
      ]),
    );
    expect(encoded.slice(2, -2).map(({ data }) => data)).toEqual([
      { type: 'content_block_start', index: 0, content_block: { type: 'redacted_thinking', data: 'opaque' } },
      { type: 'content_block_stop', index: 0 },
      {
        type: 'content_block_start',
        index: 1,
        content_block: { type: 'tool_use', id: 'call_1', name: 'lookup', input: {} },
      },
      {
        type: 'content_block_delta',
        index: 1,
        delta: { type: 'input_json_delta', partial_json: '{"q":"x"}' },
      },
      { type: 'content_block_stop', index: 1 },
      {
        type: 'content_block_start',
        index: 2,
        content_block: { type: 'tool_use', id: 'call_2', name: 'now', input: {} },
      },
      { type: 'content_block_delta', index: 2, delta: { type: 'input_json_delta', partial_json: '{}' } },
      { type: 'content_block_stop', index: 2 },
    ]);
    expect(encoded.at(-2)?.data.delta).toEqual({ stop_reason: 'tool_use', stop_sequence: null });
  });

  it('closes a block when another starts (interleaved parts from other providers)', async () => {
    const encoded = await events(
      from([
        { type: 'text-start', id: '0' },
        { type: 'text-delta', id: '0', delta: 'Let me look.' },
        { type: 'tool-input-start', id: 'call_1', toolName: 'lookup' },
        { type: 'tool-input-delta', id: 'call_1', delta: '{"q":1}' },
        { type: 'text-end', id: '0' },
        { type: 'tool-input-end', id: 'call_1' },
        { type: 'tool-call', toolCallId: 'call_1', toolName: 'lookup', input: '{"q":1}' },
        { type: 'refusal-delta', delta: 'No.' },
        finish,
      ]),
    );
    expect(encoded.slice(2, -2).map(({ data }) => [data.type, data.index])).toEqual([
      ['content_block_start', 0],
      ['content_block_delta', 0],
      ['content_block_stop', 0],
      ['content_block_start', 1],
      ['content_block_delta', 1],
      ['content_block_stop', 1],
      ['content_block_start', 2],
      ['content_block_delta', 2],
      ['content_block_stop', 2],
    ]);
  });

  it('ends with an error event on an error part, without evaluating extend()', async () => {
    let extended = false;
    const encoded = await events(
      from([
        { type: 'text-start', id: 't' },
        { type: 'text-delta', id: 't', delta: 'Hel' },
        { type: 'error', error: new GatewayError('Overloaded', { status: 529 }) },
        { type: 'text-delta', id: 't', delta: 'never' },
      ]),
      options({
        extend: () => {
          extended = true;
          return {};
        },
      }),
    );
    expect(encoded.at(-1)).toEqual({
      event: 'error',
      data: { type: 'error', error: { type: 'overloaded_error', message: 'Overloaded' } },
    });
    expect(encoded.map(({ event }) => event)).not.toContain('message_delta');
    expect(extended).toBe(false);
  });

  it('ends with an error event when the source throws or stops before finish', async () => {
    async function* failing(): AsyncGenerator<StreamPart> {
      yield { type: 'text-start', id: 't' };
      throw new Error('secret internal detail');
    }
    const thrown = await events(failing());
    expect(thrown.at(-1)).toEqual({
      event: 'error',
      data: { type: 'error', error: { type: 'api_error', message: 'Internal gateway error' } },
    });
    const truncated = await events(from([{ type: 'text-start', id: 't' }]));
    expect(truncated.at(-1)?.data).toEqual({
      type: 'error',
      error: { type: 'api_error', message: 'Upstream stream ended before completion' },
    });
  });

  it('writes each frame as soon as its part arrives', async () => {
    let release: () => void = () => {};
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    async function* slow(): AsyncGenerator<StreamPart> {
      yield { type: 'text-start', id: 't' };
      yield { type: 'text-delta', id: 't', delta: 'first' };
      await gate;
      yield finish;
    }
    const iterator = encodeAnthropicStream(slow(), options())[Symbol.asyncIterator]();
    const seen: string[] = [];
    for (let index = 0; index < 4; index++) seen.push((await iterator.next()).value as string);
    expect(seen[3]).toContain('"text":"first"');
    release();
    let rest = 0;
    while (!(await iterator.next()).done) rest += 1;
    expect(rest).toBe(3);
  });
});

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

async function* asyncOf<T>(items: Iterable<T>): AsyncGenerator<T> {
  yield* items;
}
