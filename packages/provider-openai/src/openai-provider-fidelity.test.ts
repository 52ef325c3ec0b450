import { readFileSync } from 'node:fs';
import type { ProviderCall } from '@signalbox/core';
import { createHttpClient } from '@signalbox/provider-utils';
import { collectStream } from '@signalbox/testing';
import { MockAgent } from 'undici';
import { afterAll, describe, expect, it } from 'vitest';
import reasoningCompletion from './__fixtures__/openai-chat-reasoning.json' with { type: 'json' };
import refusalCompletion from './__fixtures__/openai-chat-refusal.json' with { type: 'json' };
import { createOpenAI } from './openai-provider.js';

const reasoningChunks = readFileSync(
  new URL('./__fixtures__/openai-chat-reasoning.chunks.txt', import.meta.url),
  'utf8',
);

const agent = new MockAgent();
agent.disableNetConnect();
const origin = agent.get('https://compat.test');
const provider = createOpenAI({
  name: 'deepseek',
  apiKey: 'sk-ds',
  baseURL: 'https://compat.test/v1',
  httpClient: createHttpClient({ dispatcher: agent }),
});
afterAll(() => agent.close());

function call(stream: boolean): ProviderCall {
  return {
    modelId: 'deepseek-reasoner',
    signal: new AbortController().signal,
    request: {
      model: 'deepseek/deepseek-reasoner',
      messages: [{ role: 'user', content: [{ type: 'text', text: 'Hi' }] }],
      stream,
      logprobs: true,
    },
  };
}

function reply(body: unknown, contentType = 'application/json') {
  origin
    .intercept({ path: '/v1/chat/completions', method: 'POST' })
    .reply(200, typeof body === 'string' ? body : JSON.stringify(body), {
      headers: { 'content-type': contentType, 'x-request-id': 'req_ds' },
    });
}

describe('what the codec keeps survives the adapter', () => {
  it('reasoning_content, logprobs, cached and reasoning tokens in a completion', async () => {
    reply(reasoningCompletion);
    const result = await provider.generate(call(false));
    expect(result.content).toEqual([
      { type: 'reasoning', text: 'The user greets me; answer briefly.' },
      { type: 'text', text: 'Hello!' },
    ]);
    expect(result.logprobs).toEqual(reasoningCompletion.choices[0]?.logprobs);
    expect(result.usage).toMatchObject({
      inputTokens: { total: 12, cacheRead: 4, noCache: 8 },
      outputTokens: { total: 20, reasoning: 18, text: 2 },
    });
    expect(result.response).toMatchObject({
      id: 'chatcmpl-reasoning-1',
      modelId: 'deepseek-reasoner',
      requestId: 'req_ds',
      extra: { system_fingerprint: 'fp_reasoner' },
    });
  });

  it('a refusal in a completion', async () => {
    reply(refusalCompletion);
    const result = await provider.generate(call(false));
    expect(result.content).toEqual([{ type: 'refusal', text: "I'm sorry, I can't help with that." }]);
  });

  it('reasoning, logprobs and refusal deltas in a stream', async () => {
    reply(reasoningChunks, 'text/event-stream');
    const parts = await collectStream((await provider.stream(call(true))).stream);
    expect(parts.filter((part) => part.type === 'reasoning-delta').map((part) => part.delta)).toEqual([
      'Think ',
      'first.',
    ]);
    expect(parts.find((part) => part.type === 'logprobs')).toMatchObject({
      logprobs: { content: [{ token: 'Hi' }] },
    });
    expect(parts.find((part) => part.type === 'refusal-delta')).toEqual({
      type: 'refusal-delta',
      delta: 'No.',
    });
    expect(parts.at(-1)).toMatchObject({
      type: 'finish',
      usage: { outputTokens: { total: 7, reasoning: 4, text: 3 } },
    });
  });

  it('a JSON error answered to a streaming request with a 200 is a retryable 502', async () => {
    reply({ error: { message: 'Model is overloaded' } });
    await expect(provider.stream(call(true))).rejects.toMatchObject({
      status: 502,
      isRetryable: true,
      message: 'deepseek stream failed: Model is overloaded',
      provider: 'deepseek',
    });
  });

  it('a completion with no choices is a retryable 502 naming the provider', async () => {
    reply({ id: 'x', object: 'chat.completion', created: 1, model: 'm', choices: [] });
    await expect(provider.generate(call(false))).rejects.toMatchObject({
      status: 502,
      isRetryable: true,
      provider: 'deepseek',
      upstreamStatus: 200,
    });
  });
});
