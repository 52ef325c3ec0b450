import { createGateway, type GatewayHttpRequest } from '@signalbox/core';
import { createMockProvider } from '@signalbox/provider-mock';
import { describe, expect, it } from 'vitest';
import { apiKeyAuth } from './api-key-auth.js';
import { generateKey, hashKey, KEY_PREFIX, keyDisplayPrefix } from './key-hash.js';

const key = 'sk-sb-unit-test-key-0001';

function request(path: string, headers: Record<string, string>, principal?: GatewayHttpRequest['principal']) {
  return {
    method: 'POST',
    path,
    query: new URLSearchParams(),
    headers: { 'content-type': 'application/json', ...headers },
    body: { model: 'mock/echo', max_tokens: 5, messages: [{ role: 'user', content: 'hi' }] },
    signal: new AbortController().signal,
    ...(principal && { principal }),
  } satisfies GatewayHttpRequest;
}

describe('apiKeyAuth', () => {
  const gateway = createGateway({ providers: [createMockProvider()], use: [apiKeyAuth({ keys: [key] })] });

  it('accepts Bearer and x-api-key', async () => {
    expect(
      (await gateway.handle(request('/chat/completions', { authorization: `Bearer ${key}` }))).status,
    ).toBe(200);
    expect((await gateway.handle(request('/messages', { 'x-api-key': key }))).status).toBe(200);
  });

  it('answers 401 in each endpoint shape, naming only the key prefix', async () => {
    const openai = await gateway.handle(
      request('/chat/completions', { authorization: 'Bearer sk-sb-wrong-000000' }),
    );
    expect(openai.status).toBe(401);
    expect(openai.body).toMatchObject({ value: { error: { code: 'invalid_api_key' } } });
    expect(JSON.stringify(openai.body)).not.toContain('wrong-000000');
    const anthropic = await gateway.handle(request('/messages', {}));
    expect(anthropic.body).toMatchObject({
      value: { type: 'error', error: { type: 'authentication_error' } },
    });
  });

  it('guards every route, the models list included', async () => {
    const response = await gateway.handle({ ...request('/models', {}), method: 'GET', body: undefined });
    expect(response.status).toBe(401);
  });

  it('refuses huge credentials without a 500', async () => {
    const response = await gateway.handle(
      request('/chat/completions', { authorization: `Bearer ${'x'.repeat(10_000)}` }),
    );
    expect(response.status).toBe(401);
  });

  it("accepts the host app's principal", async () => {
    const response = await gateway.handle(request('/chat/completions', {}, { id: 'user_1', kind: 'user' }));
    expect(response.status).toBe(200);
  });

  it('validates its options at construction', () => {
    expect(() => apiKeyAuth({ keys: [] })).toThrow(TypeError);
    expect(() => apiKeyAuth({ keys: ['short'] })).toThrow(/8 characters/);
    expect(() => apiKeyAuth({ keyHashes: ['not-a-hash'] })).toThrow(TypeError);
    expect(() => apiKeyAuth({ keyHashes: [hashKey(key)] })).not.toThrow();
  });
});

describe('keys', () => {
  it('generates prefixed keys with 256 bits and shows only a prefix', () => {
    const generated = generateKey();
    expect(generated.startsWith(KEY_PREFIX)).toBe(true);
    expect(generated.length).toBe(KEY_PREFIX.length + 43);
    expect(keyDisplayPrefix(generated)).toBe(generated.slice(0, KEY_PREFIX.length + 4));
    expect(hashKey(generated)).toMatch(/^[0-9a-f]{64}$/);
  });
});
