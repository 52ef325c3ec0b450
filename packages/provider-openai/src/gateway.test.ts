import {
  createGateway,
  type Gateway,
  type GatewayHttpResponse,
  type GatewayMiddleware,
} from '@signalbox/core';
import { type FakeUpstream, startFakeOpenAI } from '@signalbox/testing';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createOpenAI, type OpenAIProvider } from './openai-provider.js';

let upstream: FakeUpstream;
let openai: OpenAIProvider;
let gateway: Gateway;

beforeAll(async () => {
  upstream = await startFakeOpenAI({ apiKey: 'sk-test' });
  openai = createOpenAI({ apiKey: 'sk-test', baseURL: upstream.baseURL });
  gateway = createGateway({ providers: [openai] });
});
afterAll(async () => {
  await gateway.close();
  await openai.close();
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

describe('an OpenAI client through the gateway to the OpenAI adapter', () => {
  it('answers, passes unknown fields and forwarded headers through', async () => {
    const response = await post(
      '/v1/chat/completions',
      {
        model: 'openai/gpt-4o-mini',
        messages: [{ role: 'user', content: 'Hi' }],
        logit_bias: { '1': 1 },
        store: false,
      },
      { 'openai-organization': 'org_client', authorization: 'Bearer gateway-key' },
    );
    expect(response.status).toBe(200);
    const body = json(response);
    expect(body.choices).toMatchObject([{ message: { role: 'assistant', content: 'echo: Hi' } }]);
    const sent = upstream.requests.at(-1);
    expect(sent?.body).toMatchObject({ model: 'gpt-4o-mini', logit_bias: { '1': 1 }, store: false });
    // On the operator's key, a client must not pick the organization that is billed.
    expect(sent?.headers['openai-organization']).toBeUndefined();
    expect(sent?.headers.authorization).toBe('Bearer sk-test');
  });

  it("forwards the account headers with the principal's own key (BYOK)", async () => {
    const ownKey: GatewayMiddleware = async (context, next) => {
      context.principal = { id: 'user-1', kind: 'user', providerKeys: { openai: 'sk-test' } };
      await next();
    };
    const byokGateway = createGateway({ providers: [openai], use: [ownKey] });
    const response = await byokGateway.handle({
      method: 'POST',
      path: '/v1/chat/completions',
      query: new URLSearchParams(),
      headers: { 'content-type': 'application/json', 'openai-organization': 'org_client' },
      body: JSON.stringify({ model: 'openai/gpt-4o-mini', messages: [{ role: 'user', content: 'Hi' }] }),
      signal: new AbortController().signal,
    });
    expect(response.status).toBe(200);
    expect(upstream.requests.at(-1)?.headers['openai-organization']).toBe('org_client');
    await byokGateway.close();
  });

  it('streams SSE chunks ending in [DONE]', async () => {
    const response = await post('/v1/chat/completions', {
      model: 'openai/gpt-4o-mini',
      messages: [{ role: 'user', content: 'Hi there' }],
      stream: true,
    });
    expect(response.status).toBe(200);
    const text = await sseText(response);
    expect(text).toContain('"content":"echo:');
    expect(text.trimEnd().endsWith('data: [DONE]')).toBe(true);
  });

  it("tells the client an upstream 401 is the gateway's problem (502), not its own", async () => {
    const broken = createOpenAI({ apiKey: 'sk-wrong', baseURL: upstream.baseURL });
    const brokenGateway = createGateway({ providers: [broken] });
    const response = await brokenGateway.handle({
      method: 'POST',
      path: '/v1/chat/completions',
      query: new URLSearchParams(),
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'openai/gpt-4o-mini', messages: [{ role: 'user', content: 'Hi' }] }),
      signal: new AbortController().signal,
    });
    expect(response.status).toBe(502);
    expect(json(response).error).toMatchObject({ code: 'upstream_authentication_failed' });
    await brokenGateway.close();
    await broken.close();
  });

  it('keeps an upstream 429 and its Retry-After for the client', async () => {
    const response = await post('/v1/chat/completions', {
      model: 'openai/gpt-4o-mini:status-429:retry-after-3',
      messages: [{ role: 'user', content: 'Hi' }],
    });
    expect(response.status).toBe(429);
    expect(response.headers['retry-after']).toBe('3');
  });
});

describe('an Anthropic client through the gateway to the OpenAI adapter', () => {
  it('is translated both ways, without passing Anthropic-only headers', async () => {
    const response = await post(
      '/v1/messages',
      { model: 'openai/gpt-4o-mini', max_tokens: 100, messages: [{ role: 'user', content: 'Hello' }] },
      { 'anthropic-version': '2023-06-01', 'anthropic-beta': 'some-beta' },
    );
    expect(response.status).toBe(200);
    expect(json(response)).toMatchObject({
      type: 'message',
      content: [{ type: 'text', text: 'echo: Hello' }],
    });
    const sent = upstream.requests.at(-1);
    expect(sent?.body).toMatchObject({ model: 'gpt-4o-mini', max_tokens: 100 });
    expect(sent?.headers['anthropic-beta']).toBeUndefined();
  });
});
