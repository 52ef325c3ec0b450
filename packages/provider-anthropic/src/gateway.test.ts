import { createGateway, type Gateway, type GatewayHttpResponse } from '@signalbox/core';
import { type FakeUpstream, startFakeAnthropic } from '@signalbox/testing';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type AnthropicProvider, createAnthropic } from './anthropic-provider.js';

let upstream: FakeUpstream;
let anthropic: AnthropicProvider;
let gateway: Gateway;

beforeAll(async () => {
  upstream = await startFakeAnthropic({ apiKey: 'sk-ant-test' });
  anthropic = createAnthropic({ apiKey: 'sk-ant-test', baseURL: upstream.url });
  gateway = createGateway({ providers: [anthropic] });
});
afterAll(async () => {
  await gateway.close();
  await anthropic.close();
  await upstream.close();
});
beforeEach(() => upstream.reset());

function post(path: string, body: unknown, headers: Record<string, string> = {}) {
  return gateway.handle({
    method: 'POST',
    path,
    query: new URLSearchParams(),
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
    signal: new AbortController().signal,
  });
}

function json(response: GatewayHttpResponse): Record<string, unknown> {
  if (response.body.type !== 'json') throw new Error(`expected JSON, got ${response.body.type}`);
  return response.body.value as Record<string, unknown>;
}

async function sseText(response: GatewayHttpResponse): Promise<string> {
  if (response.body.type !== 'sse') throw new Error(`expected SSE, got ${response.body.type}`);
  let text = '';
  for await (const frame of response.body.events) text += frame;
  return text;
}

describe('an Anthropic client through the gateway to the Anthropic adapter', () => {
  it('answers, forwards anthropic-beta, passes unknown fields through', async () => {
    const response = await post(
      '/v1/messages',
      {
        model: 'anthropic/claude-haiku-4-5',
        max_tokens: 64,
        messages: [{ role: 'user', content: 'Hi' }],
        service_tier: 'standard_only',
      },
      {
        'anthropic-version': '2023-06-01',
        'anthropic-beta': 'token-efficient-tools-2025-02-19',
        'x-api-key': 'gateway',
      },
    );
    expect(response.status).toBe(200);
    expect(json(response)).toMatchObject({ type: 'message', content: [{ type: 'text', text: 'echo: Hi' }] });
    const sent = upstream.requests.at(-1);
    expect(sent?.headers['anthropic-beta']).toBe('token-efficient-tools-2025-02-19');
    expect(sent?.headers['x-api-key']).toBe('sk-ant-test');
    expect(sent?.body).toMatchObject({
      model: 'claude-haiku-4-5',
      max_tokens: 64,
      service_tier: 'standard_only',
    });
  });

  it('streams the Anthropic event sequence', async () => {
    const response = await post(
      '/v1/messages',
      {
        model: 'anthropic/claude-haiku-4-5',
        max_tokens: 64,
        messages: [{ role: 'user', content: 'Hi' }],
        stream: true,
      },
      { 'anthropic-version': '2023-06-01' },
    );
    expect(response.status).toBe(200);
    const text = await sseText(response);
    expect(text).toContain('event: message_start');
    expect(text).toContain('"text":"echo:');
    expect(text).toContain('event: message_stop');
  });

  it('answers an upstream 529 as overloaded_error in the Anthropic shape', async () => {
    const response = await post(
      '/v1/messages',
      {
        model: 'anthropic/claude-haiku-4-5:status-529',
        max_tokens: 64,
        messages: [{ role: 'user', content: 'Hi' }],
      },
      { 'anthropic-version': '2023-06-01' },
    );
    expect(response.status).toBe(529);
    expect(json(response)).toMatchObject({ type: 'error', error: { type: 'overloaded_error' } });
  });
});

describe('an OpenAI client through the gateway to the Anthropic adapter', () => {
  it('is translated both ways, with the default max_tokens', async () => {
    const response = await post('/v1/chat/completions', {
      model: 'anthropic/claude-haiku-4-5',
      messages: [
        { role: 'system', content: 'Be brief.' },
        { role: 'user', content: 'Hello' },
      ],
    });
    expect(response.status).toBe(200);
    expect(json(response).choices).toMatchObject([
      { message: { content: 'echo: Hello' }, finish_reason: 'stop' },
    ]);
    expect(upstream.requests.at(-1)?.body).toMatchObject({
      model: 'claude-haiku-4-5',
      max_tokens: 4096,
      system: [{ type: 'text', text: 'Be brief.' }],
    });
  });
});
