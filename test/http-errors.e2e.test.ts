import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FRAMEWORKS, startExample, TEST_KEY } from './helpers/start.js';

const headers = { authorization: `Bearer ${TEST_KEY}`, 'content-type': 'application/json' };

describe.each(FRAMEWORKS)('HTTP edge cases on %s', (framework) => {
  let gateway: Awaited<ReturnType<typeof startExample>>;
  beforeAll(async () => {
    gateway = await startExample(framework);
  });
  afterAll(() => gateway.close());

  it('answers malformed JSON with 400 in each endpoint shape', async () => {
    const openai = await fetch(`${gateway.url}/v1/chat/completions`, {
      method: 'POST',
      headers,
      body: '{"model":',
    });
    expect(openai.status).toBe(400);
    expect(await openai.json()).toMatchObject({
      error: { type: 'invalid_request_error', message: expect.stringContaining('JSON') },
    });
    const anthropic = await fetch(`${gateway.url}/v1/messages`, {
      method: 'POST',
      headers,
      body: '{"model":',
    });
    expect(anthropic.status).toBe(400);
    expect(await anthropic.json()).toMatchObject({ type: 'error', error: { type: 'invalid_request_error' } });
  });

  it('answers a non-JSON content type with 415', async () => {
    const response = await fetch(`${gateway.url}/v1/chat/completions`, {
      method: 'POST',
      headers: { authorization: headers.authorization, 'content-type': 'text/plain' },
      body: '{}',
    });
    expect(response.status).toBe(415);
    expect(await response.json()).toMatchObject({
      error: { message: expect.stringContaining('application/json') },
    });
  });

  it('answers a missing key with 401 and an unknown path with 404, both JSON', async () => {
    const missing = await fetch(`${gateway.url}/v1/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'mock/echo', messages: [{ role: 'user', content: 'hi' }] }),
    });
    expect(missing.status).toBe(401);
    expect(await missing.json()).toMatchObject({ error: { code: 'invalid_api_key' } });
    const unknown = await fetch(`${gateway.url}/v1/nothing-here`, { headers });
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toMatchObject({
      error: { message: expect.stringContaining('Unknown endpoint') },
    });
  });

  it('answers a wrong method with 405', async () => {
    const response = await fetch(`${gateway.url}/v1/chat/completions`, { headers });
    expect(response.status).toBe(405);
  });

  it('answers an oversized Authorization header with 401, never 500', async () => {
    const response = await fetch(`${gateway.url}/v1/models`, {
      headers: { authorization: `Bearer ${'x'.repeat(4000)}` },
    });
    expect(response.status).toBe(401);
  });

  it('keeps the host app routes next to the gateway', async () => {
    const response = await fetch(`${gateway.url}/healthz`);
    expect(await response.json()).toEqual({ ok: true });
  });

  it('sends the generation id header', async () => {
    const response = await fetch(`${gateway.url}/v1/chat/completions`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ model: 'mock/echo', messages: [{ role: 'user', content: 'hi' }] }),
    });
    expect(response.headers.get('x-signalbox-generation-id')).toMatch(/^gen_/);
  });

  it('returns a clean status when the provider fails before any output, streaming too', async () => {
    for (const stream of [false, true]) {
      const response = await fetch(`${gateway.url}/v1/chat/completions`, {
        method: 'POST',
        headers,
        body: JSON.stringify({
          model: 'mock/echo:status-503',
          stream,
          messages: [{ role: 'user', content: 'hi' }],
        }),
      });
      expect(response.status).toBe(503);
      expect(response.headers.get('content-type')).toContain('application/json');
    }
  });

  it('ends a stream that fails mid-way with an error chunk and [DONE]', async () => {
    const response = await fetch(`${gateway.url}/v1/chat/completions`, {
      method: 'POST',
      headers,
      body: JSON.stringify({
        model: 'mock/echo:drop-2',
        stream: true,
        messages: [{ role: 'user', content: 'a b c d e' }],
      }),
    });
    expect(response.status).toBe(200);
    const text = await response.text();
    expect(text).toContain('"finish_reason":"error"');
    expect(text.trimEnd().endsWith('data: [DONE]')).toBe(true);
  });
});
