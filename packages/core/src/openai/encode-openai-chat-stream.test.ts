import { describe, expect, it } from 'vitest';
import { GatewayError } from '../errors/gateway-error.js';
import type { StreamPart } from '../spec/v1/stream-part.js';
import type { Usage } from '../spec/v1/usage.js';
import { encodeOpenAIChatStream } from './encode-openai-chat-stream.js';
import { openaiChatChunkSchema } from './openai-chat-chunk-schema.js';
import { chatRequest, collect, encodeOptions, fromArray, parseFrames } from './openai-test-utils.js';

const usage: Usage = {
  inputTokens: { total: 9, noCache: 9, cacheRead: 0, cacheWrite: undefined },
  outputTokens: { total: 6, text: 6, reasoning: undefined },
};
const head = {
  id: 'chatcmpl-test',
  object: 'chat.completion.chunk',
  created: 1700000000,
  model: 'openai/gpt-4o-mini',
};
const choice = (
  delta: Record<string, unknown>,
  finishReason: string | null = null,
  logprobs: unknown = null,
) => ({
  ...head,
  choices: [{ index: 0, delta, logprobs, finish_reason: finishReason }],
});
const finish: StreamPart = { type: 'finish', finishReason: { unified: 'stop', raw: 'stop' }, usage };
const textParts: StreamPart[] = [
  { type: 'stream-start', warnings: [] },
  { type: 'response-metadata', id: 'chatcmpl-upstream', modelId: 'gpt-4o-mini-2024-07-18' },
  { type: 'text-start', id: 'text-0' },
  { type: 'text-delta', id: 'text-0', delta: 'Hello' },
  { type: 'text-delta', id: 'text-0', delta: '!' },
  { type: 'text-end', id: 'text-0' },
  finish,
];

async function encode(parts: StreamPart[] | AsyncIterable<StreamPart>, options = encodeOptions()) {
  const frames = await collect(
    encodeOpenAIChatStream(Array.isArray(parts) ? fromArray(parts) : parts, options),
  );
  const payloads = parseFrames(frames);
  for (const payload of payloads) {
    if (payload !== '[DONE]') expect(openaiChatChunkSchema.safeParse(payload).success).toBe(true);
  }
  return payloads;
}

describe('encodeOpenAIChatStream', () => {
  it('writes a role chunk, content deltas, the finish chunk and [DONE]', async () => {
    expect(await encode(textParts)).toStrictEqual([
      choice({ role: 'assistant', content: '' }),
      choice({ content: 'Hello' }),
      choice({ content: '!' }),
      choice({}, 'stop'),
      '[DONE]',
    ]);
  });

  it('adds the usage chunk when the client asked, merged with the extension', async () => {
    const options = encodeOptions(
      {
        body: { provider: 'OpenAI' },
        choice: { native_finish_reason: 'stop' },
        message: { provider_metadata: { gateway: { cost: '0.00001' } } },
        usage: { cost: 0.00001, prompt_tokens_details: { cache_write_tokens: 0 } },
      },
      { request: chatRequest({ stream: true, includeUsage: true }) },
    );
    const payloads = await encode(textParts, options);
    expect(payloads.slice(-3)).toStrictEqual([
      {
        ...head,
        choices: [
          {
            index: 0,
            delta: { provider_metadata: { gateway: { cost: '0.00001' } } },
            logprobs: null,
            finish_reason: 'stop',
            native_finish_reason: 'stop',
          },
        ],
        provider: 'OpenAI',
      },
      {
        ...head,
        choices: [],
        usage: {
          prompt_tokens: 9,
          completion_tokens: 6,
          total_tokens: 15,
          prompt_tokens_details: { cached_tokens: 0, cache_write_tokens: 0 },
          cost: 0.00001,
        },
        provider: 'OpenAI',
      },
      '[DONE]',
    ]);
    expect(options.extendCalls()).toBe(1);
  });

  it('adds the usage chunk when the gateway always includes usage', async () => {
    const payloads = await encode(textParts, encodeOptions({}, { includeUsage: true }));
    expect(payloads.at(-2)).toStrictEqual({
      ...head,
      choices: [],
      usage: {
        prompt_tokens: 9,
        completion_tokens: 6,
        total_tokens: 15,
        prompt_tokens_details: { cached_tokens: 0 },
      },
    });
  });

  it('streams tool calls by index, and whole tool calls that were not streamed', async () => {
    const payloads = await encode([
      { type: 'stream-start', warnings: [] },
      { type: 'tool-input-start', id: 'call_a', toolName: 'get_weather' },
      { type: 'tool-input-delta', id: 'call_a', delta: '{"city":' },
      { type: 'tool-input-delta', id: 'call_a', delta: '"Paris"}' },
      { type: 'tool-input-end', id: 'call_a' },
      { type: 'tool-call', toolCallId: 'call_a', toolName: 'get_weather', input: '{"city":"Paris"}' },
      { type: 'tool-call', toolCallId: 'call_b', toolName: 'get_time', input: '{"tz":"CET"}' },
      { type: 'finish', finishReason: { unified: 'tool-calls', raw: 'tool_use' }, usage },
    ]);
    expect(payloads).toStrictEqual([
      choice({ role: 'assistant', content: '' }),
      choice({
        tool_calls: [
          { index: 0, id: 'call_a', type: 'function', function: { name: 'get_weather', arguments: '' } },
        ],
      }),
      choice({ tool_calls: [{ index: 0, function: { arguments: '{"city":' } }] }),
      choice({ tool_calls: [{ index: 0, function: { arguments: '"Paris"}' } }] }),
      choice({
        tool_calls: [
          {
            index: 1,
            id: 'call_b',
            type: 'function',
            function: { name: 'get_time', arguments: '{"tz":"CET"}' },
          },
        ],
      }),
      choice({}, 'tool_calls'),
      '[DONE]',
    ]);
  });

  it('streams reasoning and refusals, attaches logprobs to the next chunk and keeps the fingerprint', async () => {
    const logprobs = { content: [{ token: 'No', logprob: -0.2, bytes: [78, 111], top_logprobs: [] }] };
    const payloads = await encode([
      { type: 'response-metadata', extra: { system_fingerprint: 'fp_x' } },
      { type: 'reasoning-start', id: 'reasoning-0' },
      { type: 'reasoning-delta', id: 'reasoning-0', delta: 'Hmm.' },
      { type: 'reasoning-end', id: 'reasoning-0' },
      { type: 'logprobs', logprobs },
      { type: 'refusal-delta', delta: 'No.' },
      { type: 'finish', finishReason: { unified: 'content-filter', raw: 'refusal' }, usage },
    ]);
    const fingerprint = { system_fingerprint: 'fp_x' };
    expect(payloads).toStrictEqual([
      { ...choice({ role: 'assistant', content: '' }), ...fingerprint },
      { ...choice({ reasoning: 'Hmm.' }), ...fingerprint },
      { ...choice({ refusal: 'No.' }, null, logprobs), ...fingerprint },
      { ...choice({}, 'content_filter'), ...fingerprint },
      '[DONE]',
    ]);
  });

  it('ends with OpenRouter’s error chunk on an error part, without evaluating the extension', async () => {
    const options = encodeOptions({ body: { provider: 'X' } }, { includeUsage: true });
    const payloads = await encode(
      [
        textParts[0] as StreamPart,
        { type: 'text-delta', id: 'text-0', delta: 'Hel' },
        { type: 'error', error: new GatewayError('Provider disconnected unexpectedly', { status: 502 }) },
        { type: 'text-delta', id: 'text-0', delta: 'never sent' },
      ],
      options,
    );
    expect(payloads).toStrictEqual([
      choice({ role: 'assistant', content: '' }),
      choice({ content: 'Hel' }),
      {
        ...head,
        error: { code: 502, message: 'Provider disconnected unexpectedly' },
        choices: [{ index: 0, delta: { content: '' }, finish_reason: 'error' }],
      },
      '[DONE]',
    ]);
    expect(options.extendCalls()).toBe(0);
  });

  it('ends with a server_error chunk when the source throws, without leaking the message', async () => {
    async function* failing(): AsyncGenerator<StreamPart> {
      yield { type: 'text-delta', id: 'text-0', delta: 'Hi' };
      throw new Error('secret internals');
    }
    const payloads = await encode(failing());
    expect(payloads.at(-2)).toStrictEqual({
      ...head,
      error: { code: 'server_error', message: 'Internal gateway error' },
      choices: [{ index: 0, delta: { content: '' }, finish_reason: 'error' }],
    });
    expect(payloads.at(-1)).toBe('[DONE]');
  });

  it('ends with an error chunk when the source ends without finish', async () => {
    const payloads = await encode([{ type: 'text-delta', id: 'text-0', delta: 'Hi' }]);
    expect(payloads.at(-2)).toMatchObject({
      error: { code: 502, message: 'Upstream stream ended before completion' },
      choices: [{ finish_reason: 'error' }],
    });
  });

  it('writes each frame as its part arrives and evaluates the extension only at the end', async () => {
    let release: () => void = () => {};
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    async function* slow(): AsyncGenerator<StreamPart> {
      yield { type: 'text-delta', id: 'text-0', delta: 'first' };
      await gate;
      yield finish;
    }
    const options = encodeOptions();
    const iterator = encodeOpenAIChatStream(slow(), options)[Symbol.asyncIterator]();
    expect(parseFrames([(await iterator.next()).value as string])).toEqual([
      choice({ role: 'assistant', content: '' }),
    ]);
    expect(parseFrames([(await iterator.next()).value as string])).toEqual([choice({ content: 'first' })]);
    expect(options.extendCalls()).toBe(0);
    release();
    expect(parseFrames([(await iterator.next()).value as string])).toEqual([choice({}, 'stop')]);
    expect(options.extendCalls()).toBe(1);
    expect((await iterator.next()).value).toBe('data: [DONE]\n\n');
    expect((await iterator.next()).done).toBe(true);
  });

  it('still writes the role chunk for an empty answer', async () => {
    expect(await encode([finish])).toStrictEqual([
      choice({ role: 'assistant', content: '' }),
      choice({}, 'stop'),
      '[DONE]',
    ]);
  });
});
