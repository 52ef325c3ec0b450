import { readFileSync } from 'node:fs';
import { GatewayError, type ProviderCall } from '@signalbox/core';
import { createHttpClient } from '@signalbox/provider-utils';
import { collectStream } from '@signalbox/testing';
import { MockAgent } from 'undici';
import { afterAll, describe, expect, it } from 'vitest';
import thinkingMessage from './__fixtures__/anthropic-message-thinking.json' with { type: 'json' };
import modelPage from './__fixtures__/anthropic-models-page.json' with { type: 'json' };
import { createAnthropic } from './anthropic-provider.js';

function fixture(name: string): string {
  return readFileSync(new URL(`./__fixtures__/${name}`, import.meta.url), 'utf8');
}

const agent = new MockAgent();
agent.disableNetConnect();
const origin = agent.get('https://anthropic.test');
const anthropic = createAnthropic({
  apiKey: 'sk-ant',
  baseURL: 'https://anthropic.test/',
  httpClient: createHttpClient({ dispatcher: agent }),
});
afterAll(() => agent.close());

function call(stream: boolean): ProviderCall {
  return {
    modelId: 'claude-sonnet-4-5',
    signal: new AbortController().signal,
    request: {
      model: 'anthropic/claude-sonnet-4-5',
      messages: [{ role: 'user', content: [{ type: 'text', text: '2+2?' }] }],
      stream,
    },
  };
}

function reply(body: unknown, contentType = 'application/json') {
  origin
    .intercept({ path: '/v1/messages', method: 'POST' })
    .reply(200, typeof body === 'string' ? body : JSON.stringify(body), {
      headers: { 'content-type': contentType, 'request-id': 'req_011' },
    });
}

describe('what the codec keeps survives the adapter', () => {
  it('thinking with its signature, redacted thinking and cache usage in a message', async () => {
    reply(thinkingMessage);
    const result = await anthropic.generate(call(false));
    expect(result.content).toEqual([
      { type: 'reasoning', text: 'The user asks for 2+2.', signature: 'EqQBCkYIBRgCIkB-signature' },
      expect.objectContaining({ type: 'reasoning', redactedData: 'EmwKAhgBEgy3va3pzix/LafPsn4a-redacted' }),
      { type: 'text', text: '4' },
    ]);
    expect(result.usage.inputTokens).toEqual({ total: 2120, noCache: 20, cacheRead: 2000, cacheWrite: 100 });
    expect(result.response).toMatchObject({ id: 'msg_01ThinkingExample', requestId: 'req_011' });
  });

  it('thinking deltas and the signature in a stream, with cache reads in the finish usage', async () => {
    reply(fixture('anthropic-stream-thinking.chunks.txt'), 'text/event-stream');
    const parts = await collectStream((await anthropic.stream(call(true))).stream);
    expect(parts.find((part) => part.type === 'reasoning-delta')).toMatchObject({ delta: 'Let me add.' });
    expect(parts.find((part) => part.type === 'reasoning-signature')).toMatchObject({
      signature: 'EqQBCkYIBRgC-sig',
    });
    expect(parts.at(-1)).toMatchObject({
      type: 'finish',
      usage: { inputTokens: { cacheRead: 500, noCache: 10 }, outputTokens: { total: 30 } },
    });
  });

  it('an overloaded_error event mid-stream is a retryable 529 error part', async () => {
    reply(fixture('anthropic-stream-overloaded.chunks.txt'), 'text/event-stream');
    const parts = await collectStream((await anthropic.stream(call(true))).stream);
    expect(parts.filter((part) => part.type === 'text-delta')).toHaveLength(1);
    const last = parts.at(-1);
    expect(last?.type).toBe('error');
    const error = last?.type === 'error' ? last.error : undefined;
    expect(GatewayError.isInstance(error) && error).toMatchObject({ status: 529, isRetryable: true });
  });

  it('a 200 that is not a message is a retryable 502 naming the provider', async () => {
    reply({ hello: 'world' });
    await expect(anthropic.generate(call(false))).rejects.toMatchObject({
      status: 502,
      isRetryable: true,
      provider: 'anthropic',
      code: 'upstream_invalid_response',
    });
  });
});

describe('listModels', () => {
  it('follows has_more / last_id across pages', async () => {
    origin.intercept({ path: '/v1/models?limit=1000', method: 'GET' }).reply(200, JSON.stringify(modelPage));
    origin
      .intercept({ path: '/v1/models?limit=1000&after_id=claude-haiku-4-5-20251001', method: 'GET' })
      .reply(
        200,
        JSON.stringify({
          data: [
            {
              type: 'model',
              id: 'claude-opus-4-1-20250805',
              display_name: 'Claude Opus 4.1',
              created_at: '2025-08-05T00:00:00Z',
            },
          ],
          has_more: false,
          first_id: 'claude-opus-4-1-20250805',
          last_id: 'claude-opus-4-1-20250805',
        }),
      );
    const models = await anthropic.listModels?.({ signal: new AbortController().signal });
    expect(models?.map((model) => model.id)).toEqual([
      'claude-sonnet-4-5-20250929',
      'claude-haiku-4-5-20251001',
      'claude-opus-4-1-20250805',
    ]);
  });

  it('stops after a bounded number of pages', async () => {
    for (let page = 0; page < 10; page += 1) {
      const path = page === 0 ? '/v1/models?limit=1000' : `/v1/models?limit=1000&after_id=m${page - 1}`;
      origin.intercept({ path, method: 'GET' }).reply(
        200,
        JSON.stringify({
          data: [{ type: 'model', id: `m${page}`, display_name: `M${page}` }],
          has_more: true,
          last_id: `m${page}`,
        }),
      );
    }
    const models = await anthropic.listModels?.({ signal: new AbortController().signal });
    expect(models).toHaveLength(10);
  });
});
