import { parseSse } from '@signalbox/core';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import type { FakeUpstream } from '../fake/fake-upstream.js';
import { startFakeAnthropic } from './anthropic-server.js';

let upstream: FakeUpstream;
let now = 0;
const headers = {
  'content-type': 'application/json',
  'x-api-key': 'sk-ant-test',
  'anthropic-version': '2023-06-01',
};
const weather = {
  name: 'get_weather',
  input_schema: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
};

beforeEach(async () => {
  upstream ??= await startFakeAnthropic({ now: () => now });
  upstream.reset();
  now = 0;
});
afterAll(() => upstream.close());

/** The parts of Anthropic bodies these tests read. */
interface Body {
  content: Array<{ type: string; text?: string; id?: string; name?: string; input?: unknown }>;
  stop_reason: string;
  usage: {
    input_tokens: number;
    output_tokens: number;
    cache_creation_input_tokens: number;
    cache_read_input_tokens: number;
  };
  error: { type: string; message: string };
}

async function post(
  body: unknown,
  extra: Record<string, string> = {},
  path = '/v1/messages',
): Promise<Response> {
  return fetch(`${upstream.url}${path}`, {
    method: 'POST',
    headers: { ...headers, ...extra },
    body: JSON.stringify(body),
  });
}

async function json(response: Response): Promise<Body> {
  return (await response.json()) as Body;
}

async function events(
  response: Response,
): Promise<Array<{ event: string | undefined; data: Record<string, unknown> }>> {
  const out = [];
  if (!response.body) return [];
  for await (const event of parseSse(response.body))
    out.push({ event: event.event, data: JSON.parse(event.data) });
  return out;
}

const ask = (text: string) => ({
  model: 'claude-haiku-4-5',
  max_tokens: 100,
  messages: [{ role: 'user', content: text }],
});

describe('startFakeAnthropic', () => {
  it('checks the API key and the anthropic-version header', async () => {
    let response = await post(ask('hi'), { 'x-api-key': 'wrong' });
    expect(response.status).toBe(401);
    expect(response.headers.get('request-id')).toMatch(/^req_/);
    expect(await response.json()).toMatchObject({
      type: 'error',
      error: { type: 'authentication_error', message: 'invalid x-api-key' },
      request_id: expect.stringMatching(/^req_/),
    });
    response = await fetch(`${upstream.url}/v1/messages`, {
      method: 'POST',
      headers: { authorization: 'Bearer sk-ant-test' },
      body: JSON.stringify(ask('hi')),
    });
    expect(response.status).toBe(400);
    expect((await json(response)).error.message).toBe('anthropic-version: header is required');
  });

  it('answers validation errors in the Anthropic shape', async () => {
    const response = await post({ ...ask('hi'), presence_penalty: 1 });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({
      type: 'error',
      error: { type: 'invalid_request_error', message: 'presence_penalty: Extra inputs are not permitted' },
    });
  });

  it('echoes the last user text with usage and the stripped model name', async () => {
    const message = await json(await post({ ...ask('hello big world'), model: 'claude-haiku-4-5:delay-1' }));
    expect(message).toMatchObject({
      type: 'message',
      role: 'assistant',
      model: 'claude-haiku-4-5',
      content: [{ type: 'text', text: 'echo: hello big world' }],
      stop_reason: 'end_turn',
      stop_sequence: null,
      usage: { output_tokens: 4, cache_creation_input_tokens: 0, cache_read_input_tokens: 0 },
    });
    expect(message.usage.input_tokens).toBeGreaterThan(0);
  });

  it('reports stop sequences and max_tokens', async () => {
    let message = await json(await post({ ...ask('one two three'), stop_sequences: ['two'] }));
    expect(message).toMatchObject({
      content: [{ text: 'echo: one ' }],
      stop_reason: 'stop_sequence',
      stop_sequence: 'two',
    });
    message = await json(await post({ ...ask('one two three'), max_tokens: 2 }));
    expect(message).toMatchObject({ content: [{ text: 'echo: one' }], stop_reason: 'max_tokens' });
  });

  it('calls a tool and answers its result, counting images', async () => {
    const first = await json(await post({ ...ask('What is the weather in Paris?'), tools: [weather] }));
    expect(first.stop_reason).toBe('tool_use');
    const toolUse = first.content[0];
    expect(toolUse).toMatchObject({ type: 'tool_use', name: 'get_weather', input: { city: 'Paris' } });
    const second = await json(
      await post({
        ...ask('x'),
        tools: [weather],
        messages: [
          { role: 'user', content: 'What is the weather in Paris?' },
          { role: 'assistant', content: first.content },
          {
            role: 'user',
            content: [
              { type: 'tool_result', tool_use_id: toolUse?.id, content: [{ type: 'text', text: 'sunny' }] },
            ],
          },
        ],
      }),
    );
    expect(second.content).toEqual([{ type: 'text', text: 'tool said: sunny' }]);
    const image = { type: 'image', source: { type: 'url', url: 'https://example.com/cat.png' } };
    const seen = await json(
      await post({
        ...ask('x'),
        messages: [{ role: 'user', content: [{ type: 'text', text: 'look' }, image] }],
      }),
    );
    expect(seen.content[0]?.text).toBe('echo: look [1 image]');
  });

  it('streams the real event sequence', async () => {
    const list = await events(await post({ ...ask('hello world'), stream: true }));
    expect(list.map((event) => event.event)).toEqual([
      'message_start',
      'content_block_start',
      'ping',
      'content_block_delta',
      'content_block_delta',
      'content_block_delta',
      'content_block_stop',
      'message_delta',
      'message_stop',
    ]);
    expect(list.every((event) => event.data.type === event.event)).toBe(true);
    expect(list[0]?.data).toMatchObject({
      message: { model: 'claude-haiku-4-5', content: [], stop_reason: null },
    });
    const text = list
      .map((event) => (event.data.delta as { text?: string } | undefined)?.text ?? '')
      .join('');
    expect(text).toBe('echo: hello world');
    expect(list[7]?.data).toMatchObject({ delta: { stop_reason: 'end_turn' }, usage: { output_tokens: 3 } });
  });

  it('streams tool input and thinking', async () => {
    const list = await events(
      await post({
        ...ask('weather?'),
        max_tokens: 3000,
        thinking: { type: 'enabled', budget_tokens: 1024 },
        tools: [weather],
        stream: true,
      }),
    );
    const deltas = list.map((event) => event.data.delta as Record<string, string> | undefined);
    expect(deltas.some((delta) => delta?.type === 'thinking_delta')).toBe(true);
    expect(deltas.some((delta) => delta?.type === 'signature_delta')).toBe(true);
    const json = deltas
      .filter((delta) => delta?.type === 'input_json_delta')
      .map((delta) => delta?.partial_json);
    expect(json.join('')).toBe('{"city":"Paris"}');
    expect(list.find((event) => event.event === 'message_delta')?.data).toMatchObject({
      delta: { stop_reason: 'tool_use' },
    });
  });

  it('simulates prompt caching across requests', async () => {
    const system = [
      { type: 'text', text: 'Long instructions. '.repeat(50), cache_control: { type: 'ephemeral' } },
    ];
    const first = await json(await post({ ...ask('first'), system }));
    expect(first.usage.cache_creation_input_tokens).toBeGreaterThan(200);
    expect(first.usage.cache_read_input_tokens).toBe(0);
    now = 60_000;
    const second = await json(await post({ ...ask('second'), system }));
    expect(second.usage).toMatchObject({
      cache_creation_input_tokens: 0,
      cache_read_input_tokens: first.usage.cache_creation_input_tokens,
    });
    expect(second.usage.input_tokens).toBeLessThan(20);
    now = 10 * 60_000;
    const third = await json(await post({ ...ask('third'), system }));
    expect(third.usage.cache_read_input_tokens).toBe(0);
    const counted = await json(
      await post(
        { model: 'claude-haiku-4-5', system, messages: [{ role: 'user', content: 'third' }] },
        {},
        '/v1/messages/count_tokens',
      ),
    );
    expect(counted).toEqual({
      input_tokens: third.usage.input_tokens + third.usage.cache_creation_input_tokens,
    });
  });

  it('answers fault statuses with Anthropic error types', async () => {
    let response = await post({ ...ask('hi'), model: 'claude-haiku-4-5:status-529' });
    expect(response.status).toBe(529);
    expect((await json(response)).error).toEqual({ type: 'overloaded_error', message: 'Overloaded' });
    response = await post({ ...ask('hi'), model: 'claude-haiku-4-5:status-429:retry-after-2' });
    expect(response.status).toBe(429);
    expect(response.headers.get('retry-after')).toBe('2');
    expect((await json(response)).error.type).toBe('rate_limit_error');
  });

  it('drops and truncates streams', async () => {
    const dropped = await post({ ...ask('one two three'), model: 'claude-haiku-4-5:drop-1', stream: true });
    await expect(events(dropped)).rejects.toThrow();
    const truncated = await events(
      await post({ ...ask('one two'), model: 'claude-haiku-4-5:truncate', stream: true }),
    );
    expect(truncated.map((event) => event.event)).not.toContain('message_stop');
    expect(truncated.map((event) => event.event)).not.toContain('message_delta');
    expect(truncated.at(-1)?.event).toBe('content_block_stop');
  });

  it('lists models', async () => {
    const response = await fetch(`${upstream.url}/v1/models`, { headers });
    expect(await response.json()).toMatchObject({
      data: [{ type: 'model', id: 'claude-haiku-4-5' }, { id: 'claude-sonnet-4-5' }],
      has_more: false,
    });
  });
});
