import { parseSse } from '@signalbox/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FakeUpstream } from '../fake/fake-upstream.js';
import { FAST_REPLY_TEXT } from './openai-fast-server.js';
import { startFakeOpenAI } from './openai-server.js';

let upstream: FakeUpstream;
beforeAll(async () => {
  upstream = await startFakeOpenAI({ fast: true, now: () => 1_700_000_000_000 });
});
afterAll(() => upstream.close());

function post(body: unknown, key = 'sk-test') {
  return fetch(`${upstream.baseURL}/chat/completions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
    body: JSON.stringify(body),
  });
}

async function deltas(response: Response): Promise<Array<Record<string, unknown>>> {
  const data: Array<Record<string, unknown>> = [];
  if (!response.body) return data;
  for await (const event of parseSse(response.body)) {
    if (event.data !== '[DONE]') data.push(JSON.parse(event.data) as Record<string, unknown>);
  }
  return data;
}

describe('startFakeOpenAI({ fast: true })', () => {
  it('answers a fixed completion with the model name echoed, without recording the request', async () => {
    const response = await post({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'hi' }] });
    expect(response.status).toBe(200);
    const body = (await response.json()) as {
      model: string;
      created: number;
      choices: Array<{ message: { content: string }; finish_reason: string }>;
      usage: { prompt_tokens: number; completion_tokens: number };
    };
    expect(body.model).toBe('gpt-4o-mini');
    expect(body.created).toBe(1_700_000_000);
    expect(body.choices[0]?.message.content).toBe(FAST_REPLY_TEXT);
    expect(body.choices[0]?.finish_reason).toBe('stop');
    expect(body.usage.completion_tokens).toBeGreaterThan(0);
    expect(upstream.requests).toEqual([]);
    expect(upstream.counters.requests).toBeGreaterThan(0);
  });

  it('does not validate the body (a request the strict mode refuses is answered)', async () => {
    const response = await post({ model: 'gpt-4o-mini', messages: 'not a list', temperature: 9 });
    expect(response.status).toBe(200);
  });

  it('still checks the API key and answers 404 elsewhere', async () => {
    expect((await post({ model: 'gpt-4o-mini' }, 'sk-wrong')).status).toBe(401);
    const missing = await fetch(`${upstream.url}/v1/embeddings`, {
      method: 'POST',
      headers: { authorization: 'Bearer sk-test' },
      body: '{}',
    });
    expect(missing.status).toBe(404);
  });

  it('answers 400 to a body that is not JSON', async () => {
    const response = await fetch(`${upstream.baseURL}/chat/completions`, {
      method: 'POST',
      headers: { authorization: 'Bearer sk-test' },
      body: '{nope',
    });
    expect(response.status).toBe(400);
  });

  it('streams the same text, with the usage chunk when asked', async () => {
    const response = await post({
      model: 'gpt-4o-mini',
      stream: true,
      stream_options: { include_usage: true },
      messages: [{ role: 'user', content: 'hi' }],
    });
    expect(response.headers.get('content-type')).toContain('text/event-stream');
    const chunks = await deltas(response);
    const text = chunks
      .map((chunk) => (chunk.choices as Array<{ delta: { content?: string } }>)[0]?.delta.content ?? '')
      .join('');
    expect(text).toBe(FAST_REPLY_TEXT);
    expect(chunks.at(-1)?.usage).toMatchObject({ prompt_tokens: 8 });
  });

  it('drips stream frames with drip-<ms> in the model id, echoing the model without directives', async () => {
    const started = Date.now();
    const response = await post({ model: 'gpt-4o-mini:drip-20', stream: true, messages: [] });
    const chunks = await deltas(response);
    expect(chunks[0]?.model).toBe('gpt-4o-mini');
    expect(chunks.some((chunk) => 'usage' in chunk)).toBe(false);
    // Several frames, each after a 20 ms pause (a lower bound, never an upper one).
    expect(Date.now() - started).toBeGreaterThanOrEqual(20 * (chunks.length - 1));
  });
});
