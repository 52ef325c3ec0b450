import { parseSse } from '@signalbox/core';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import type { FakeUpstream } from '../fake/fake-upstream.js';
import { startFakeOpenAI } from './openai-server.js';

let upstream: FakeUpstream;
const weather = {
  type: 'function',
  function: {
    name: 'get_weather',
    parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
  },
};

beforeEach(async () => {
  upstream ??= await startFakeOpenAI({ now: () => 1_700_000_000_000 });
  upstream.reset();
});
afterAll(() => upstream.close());

/** The parts of OpenAI bodies these tests read. */
interface Body {
  error: { message: string };
  choices: Array<{
    finish_reason: string | null;
    message: { content: string | null; tool_calls: Array<{ id: string }> };
    delta: { content?: string; tool_calls?: Array<{ function: { arguments: string } }> };
  }>;
  usage: { prompt_tokens: number; total_tokens: number };
}

async function json(response: Response): Promise<Body> {
  return (await response.json()) as Body;
}

function post(body: unknown, key = 'sk-test') {
  return fetch(`${upstream.baseURL}/chat/completions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
    body: JSON.stringify(body),
  });
}

async function events(response: Response): Promise<string[]> {
  const data: string[] = [];
  if (!response.body) return data;
  for await (const event of parseSse(response.body)) data.push(event.data);
  return data;
}

describe('startFakeOpenAI', () => {
  it('checks the API key', async () => {
    const response = await post(
      { model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'hi' }] },
      'sk-wrong-key-123',
    );
    expect(response.status).toBe(401);
    expect(response.headers.get('x-request-id')).toMatch(/^req_/);
    expect((await json(response)).error).toMatchObject({
      type: 'invalid_request_error',
      code: 'invalid_api_key',
    });
    const missing = await fetch(`${upstream.baseURL}/models`);
    expect(missing.status).toBe(401);
  });

  it('answers validation errors in the OpenAI shape', async () => {
    const response = await post({
      model: 'gpt-4o-mini',
      messages: [{ role: 'user', content: 'hi' }],
      top_k: 5,
    });
    expect(response.status).toBe(400);
    expect(await json(response)).toEqual({
      error: {
        message: 'Unrecognized request argument supplied: top_k',
        type: 'invalid_request_error',
        param: null,
        code: null,
      },
    });
  });

  it('echoes the last user text with usage, and records the request', async () => {
    const body = { model: 'gpt-4o-mini:delay-1', messages: [{ role: 'user', content: 'hello big world' }] };
    const response = await post(body);
    expect(response.status).toBe(200);
    const completion = await json(response);
    expect(completion).toMatchObject({
      object: 'chat.completion',
      model: 'gpt-4o-mini',
      created: 1_700_000_000,
      choices: [
        { index: 0, message: { role: 'assistant', content: 'echo: hello big world' }, finish_reason: 'stop' },
      ],
      usage: { completion_tokens: 4, prompt_tokens_details: { cached_tokens: 0 } },
    });
    expect(completion.usage.prompt_tokens).toBeGreaterThan(0);
    expect(completion.usage.total_tokens).toBe(completion.usage.prompt_tokens + 4);
    expect(upstream.requests).toHaveLength(1);
    expect(upstream.requests[0]).toMatchObject({ method: 'POST', path: '/v1/chat/completions', body });
    expect(upstream.requests[0]?.headers.authorization).toBe('Bearer sk-test');
  });

  it('counts images, honours stop sequences and max tokens', async () => {
    const image = { type: 'image_url', image_url: { url: 'https://example.com/cat.png' } };
    const content = [{ type: 'text', text: 'look' }, image];
    let completion = await json(await post({ model: 'gpt-4o', messages: [{ role: 'user', content }] }));
    expect(completion.choices[0]?.message.content).toBe('echo: look [1 image]');
    const messages = [{ role: 'user', content: 'one two three four' }];
    completion = await json(await post({ model: 'gpt-4o', messages, stop: ['three'] }));
    expect(completion.choices[0]).toMatchObject({
      message: { content: 'echo: one two ' },
      finish_reason: 'stop',
    });
    completion = await json(await post({ model: 'gpt-4o', messages, max_tokens: 2 }));
    expect(completion.choices[0]).toMatchObject({
      message: { content: 'echo: one' },
      finish_reason: 'length',
    });
  });

  it('calls a tool and answers its result', async () => {
    const ask = { role: 'user', content: 'What is the weather in Paris?' };
    const first = await json(await post({ model: 'gpt-4o', messages: [ask], tools: [weather] }));
    const message = first.choices[0]?.message;
    expect(first.choices[0]?.finish_reason).toBe('tool_calls');
    expect(message?.tool_calls[0]).toMatchObject({
      type: 'function',
      function: { name: 'get_weather', arguments: '{"city":"Paris"}' },
    });
    const second = await post({
      model: 'gpt-4o',
      messages: [
        ask,
        message,
        { role: 'tool', tool_call_id: message?.tool_calls[0]?.id, content: 'sunny, 21C' },
      ],
      tools: [weather],
    });
    expect((await json(second)).choices[0]?.message.content).toBe('tool said: sunny, 21C');
  });

  it('streams word by word with a usage chunk and [DONE]', async () => {
    const response = await post({
      model: 'gpt-4o-mini',
      messages: [{ role: 'user', content: 'hello world' }],
      stream: true,
      stream_options: { include_usage: true },
    });
    expect(response.headers.get('content-type')).toContain('text/event-stream');
    const data = await events(response);
    expect(data.at(-1)).toBe('[DONE]');
    const chunks = data.slice(0, -1).map((text) => JSON.parse(text) as Body & { object: string });
    expect(chunks.every((chunk) => chunk.object === 'chat.completion.chunk')).toBe(true);
    expect(chunks[0]?.choices[0]?.delta).toMatchObject({ role: 'assistant', content: '' });
    const text = chunks.map((chunk) => chunk.choices[0]?.delta.content ?? '').join('');
    expect(text).toBe('echo: hello world');
    expect(chunks.at(-2)?.choices[0]?.finish_reason).toBe('stop');
    expect(chunks.at(-1)).toMatchObject({ choices: [], usage: { completion_tokens: 3 } });
  });

  it('streams tool call argument deltas', async () => {
    const response = await post({
      model: 'gpt-4o-mini',
      messages: [{ role: 'user', content: 'weather in Paris?' }],
      tools: [weather],
      stream: true,
    });
    const chunks = (await events(response)).slice(0, -1).map((text) => JSON.parse(text) as Body);
    const calls = chunks.flatMap((chunk) => chunk.choices[0]?.delta.tool_calls ?? []);
    expect(calls[0]).toMatchObject({
      index: 0,
      id: expect.stringMatching(/^call_/),
      function: { name: 'get_weather' },
    });
    expect(calls.map((call) => call.function.arguments).join('')).toBe('{"city":"Paris"}');
    expect(calls.length).toBeGreaterThan(2);
    expect(chunks.at(-1)?.choices[0]?.finish_reason).toBe('tool_calls');
    expect(chunks.some((chunk) => 'usage' in chunk)).toBe(false);
  });

  it('lists models and answers unknown paths with 404', async () => {
    const headers = { authorization: 'Bearer sk-test' };
    const list = await (await fetch(`${upstream.baseURL}/models`, { headers })).json();
    expect(list).toMatchObject({
      object: 'list',
      data: [{ id: 'gpt-4o-mini', object: 'model' }, { id: 'gpt-4o' }],
    });
    const missing = await fetch(`${upstream.baseURL}/nothing`, { headers });
    expect(missing.status).toBe(404);
    expect((await json(missing)).error.message).toBe('Invalid URL (GET /v1/nothing)');
  });

  it('answers a body that is not JSON with a 400', async () => {
    const response = await fetch(`${upstream.baseURL}/chat/completions`, {
      method: 'POST',
      headers: { authorization: 'Bearer sk-test' },
      body: '{not json',
    });
    expect(response.status).toBe(400);
    expect((await json(response)).error.message).toMatch(/could not parse the JSON body/);
    expect(upstream.requests[0]?.body).toBe('{not json');
  });

  it('skips validation when asked', async () => {
    const lenient = await startFakeOpenAI({ validate: false, apiKey: 'other' });
    const response = await fetch(`${lenient.baseURL}/chat/completions`, {
      method: 'POST',
      headers: { authorization: 'Bearer other' },
      body: JSON.stringify({ model: 'x', messages: [{ role: 'user', content: 'hi' }], top_k: 1 }),
    });
    expect((await json(response)).choices[0]?.message.content).toBe('echo: hi');
    await lenient.close();
  });
});
