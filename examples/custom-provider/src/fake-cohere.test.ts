import { request as httpRequest } from 'node:http';
import { parseSse } from '@signalbox/core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type FakeCohere, startFakeCohere } from './fake-cohere.js';

let upstream: FakeCohere;

beforeAll(async () => {
  upstream = await startFakeCohere({ apiKey: 'co-key', models: ['command-a-03-2025'] });
});
afterAll(() => upstream.close());
beforeEach(() => upstream.reset());

function chat(
  body: unknown,
  headers: Record<string, string> = { authorization: 'Bearer co-key' },
  signal?: AbortSignal,
) {
  return fetch(`${upstream.url}/v2/chat`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
    ...(signal && { signal }),
  });
}

const hello = { model: 'command-a-03-2025', messages: [{ role: 'user', content: 'hello' }] };

describe('startFakeCohere', () => {
  it('answers a chat request and records it', async () => {
    const response = await chat(hello);
    expect(response.status).toBe(200);
    expect(response.headers.get('x-debug-trace-id')).toBe('fake-trace-000001');
    expect(await response.json()).toMatchObject({
      finish_reason: 'COMPLETE',
      message: { role: 'assistant', content: [{ type: 'text', text: 'echo: hello' }] },
    });
    expect(upstream.requests).toEqual([
      {
        method: 'POST',
        path: '/v2/chat',
        headers: expect.objectContaining({ authorization: 'Bearer co-key' }),
        body: hello,
      },
    ]);
    expect(upstream.counters).toEqual({ requests: 1, aborted: 0, inFlight: 0 });
    expect(upstream.baseURL).toBe(upstream.url);
  });

  it('streams named SSE events', async () => {
    const response = await chat({ ...hello, stream: true });
    expect(response.headers.get('content-type')).toBe('text/event-stream');
    const events = [];
    const text = await response.text();
    const body = (async function* () {
      yield text;
    })();
    for await (const event of parseSse(body)) events.push(event);
    expect(events.map((event) => event.event)).toEqual([
      'message-start',
      'content-start',
      'content-delta',
      'content-delta',
      'content-end',
      'message-end',
    ]);
    expect(JSON.parse(events.at(-1)?.data ?? '')).toMatchObject({
      type: 'message-end',
      delta: { finish_reason: 'COMPLETE' },
    });
  });

  it("checks the key, the route and the body in Cohere's error shape", async () => {
    expect(await (await chat(hello, {})).json()).toEqual({ message: 'no api key supplied' });
    const wrong = await chat(hello, { authorization: 'Bearer nope' });
    expect([wrong.status, await wrong.json()]).toEqual([401, { message: 'invalid api token' }]);
    const missing = await fetch(`${upstream.url}/v1/chat`, { headers: { authorization: 'Bearer co-key' } });
    expect(missing.status).toBe(404);
    const notJson = await chat('{"model":');
    expect([notJson.status, await notJson.json()]).toEqual([
      400,
      { message: 'invalid request: body must be valid JSON.' },
    ]);
    const invalid = await chat({ ...hello, n: 2 });
    expect([invalid.status, await invalid.json()]).toEqual([
      400,
      { message: 'invalid request: unknown field: parameter n is not a valid field' },
    ]);
  });

  it('fails on demand: status with Retry-After, flaky, and the setFault override', async () => {
    const limited = await chat({ ...hello, model: 'command-a-03-2025:status-429:retry-after-2' });
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('2');
    expect(((await limited.json()) as { message: string }).message).toMatch(/Trial key/);
    const flaky = { ...hello, model: 'command-a-03-2025:flaky-503-1' };
    expect((await chat(flaky)).status).toBe(503);
    expect((await chat(flaky)).status).toBe(200);
    upstream.setFault({ status: 500 });
    expect((await chat(hello)).status).toBe(500);
    upstream.setFault();
    expect((await chat(hello)).status).toBe(200);
  });

  it('spoils bodies: bad JSON, truncated, dropped, reset', async () => {
    const text = async (model: string) => (await chat({ ...hello, model })).text();
    expect(await text('command-a-03-2025:bad-json')).toMatch(/^<html>/);
    await expect(text('command-a-03-2025:truncate').then(JSON.parse)).rejects.toThrow();
    await expect(text('command-a-03-2025:drop-1')).rejects.toThrow();
    await expect(chat({ ...hello, model: 'command-a-03-2025:reset' })).rejects.toThrow();
    expect(upstream.counters.aborted).toBe(0);
  });

  it('holds a hung request until the client leaves, and counts the abort', async () => {
    const controller = new AbortController();
    const pending = chat({ ...hello, model: 'command-a-03-2025:hang' }, undefined, controller.signal).catch(
      () => 'aborted',
    );
    await expect.poll(() => upstream.counters.inFlight).toBe(1);
    controller.abort();
    expect(await pending).toBe('aborted');
    await expect.poll(() => upstream.counters.aborted).toBe(1);
    expect(upstream.counters.inFlight).toBe(0);
  });

  it('lists its models', async () => {
    const response = await fetch(`${upstream.url}/v1/models?endpoint=chat`, {
      headers: { authorization: 'Bearer co-key' },
    });
    expect(await response.json()).toEqual({
      models: [
        {
          name: 'command-a-03-2025',
          endpoints: ['generate', 'chat'],
          finetuned: false,
          context_length: 256000,
        },
      ],
      next_page_token: null,
    });
  });

  it('close() ends hung requests and leaves nothing running', async () => {
    const other = await startFakeCohere();
    const hung = new Promise<string>((resolve) => {
      const request = httpRequest(`${other.url}/v2/chat`, {
        method: 'POST',
        headers: { authorization: 'Bearer co-test', 'content-type': 'application/json' },
      });
      request.on('error', () => resolve('closed'));
      request.end(JSON.stringify({ ...hello, model: 'command-a-03-2025:hang' }));
    });
    await expect.poll(() => other.counters.inFlight).toBe(1);
    await other.close();
    expect(await hung).toBe('closed');
    expect(other.counters.aborted).toBe(0);
  });
});
