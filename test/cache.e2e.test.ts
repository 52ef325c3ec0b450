import Anthropic from '@anthropic-ai/sdk';
import OpenAI from 'openai';
import { testServerUrl } from '@signalbox/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FRAMEWORKS, startExample, TEST_KEY } from './helpers/start.js';

const OTHER_KEY = 'sk-sb-e2e-cache-key-0002';
const CACHE = { 'x-signalbox-cache': 'true' };

/** What the response cache adds to the gateway metadata of a hit. */
interface CacheMetadata {
  status: string;
  sourceGenerationId: string;
  coalesced: boolean;
}

function cacheOf(holder: unknown): CacheMetadata | undefined {
  return (holder as { provider_metadata?: { gateway?: { cache?: CacheMetadata } } } | undefined)
    ?.provider_metadata?.gateway?.cache;
}

describe.each(FRAMEWORKS)('response cache through the official SDKs on %s', (framework) => {
  let gateway: Awaited<ReturnType<typeof startExample>>;
  let openai: OpenAI;
  let other: OpenAI;
  let anthropic: Anthropic;
  let unique = 0;
  /** A prompt no other test uses (entries live as long as the gateway). */
  const prompt = (label: string) => {
    unique += 1;
    return `${label} ${framework} ${unique}`;
  };

  beforeAll(async () => {
    gateway = await startExample(framework, { SIGNALBOX_API_KEYS: `${TEST_KEY},${OTHER_KEY}` });
    openai = new OpenAI({ apiKey: TEST_KEY, baseURL: `${gateway.url}/v1`, maxRetries: 0 });
    other = new OpenAI({ apiKey: OTHER_KEY, baseURL: `${gateway.url}/v1`, maxRetries: 0 });
    anthropic = new Anthropic({ authToken: TEST_KEY, baseURL: gateway.url, maxRetries: 0 });
  });
  afterAll(() => gateway.close());

  it('OpenAI SDK: a repeat with the header is a HIT with 0 tokens that never reaches the provider', async () => {
    const request = {
      model: 'mock/echo',
      messages: [{ role: 'user' as const, content: prompt('repeat me') }],
    };
    const first = await openai.chat.completions.create(request, { headers: CACHE }).withResponse();
    expect(first.response.headers.get('x-signalbox-cache-status')).toBe('MISS');
    const calls = gateway.mock.calls.length;
    const { data, response } = await openai.chat.completions
      .create(request, { headers: CACHE })
      .withResponse();
    expect(gateway.mock.calls.length).toBe(calls);
    expect(response.headers.get('x-signalbox-cache-status')).toBe('HIT');
    expect(response.headers.get('x-signalbox-cache-source-id')).toBe(
      first.response.headers.get('x-signalbox-generation-id'),
    );
    expect(response.headers.get('x-signalbox-generation-id')).not.toBe(
      first.response.headers.get('x-signalbox-generation-id'),
    );
    expect(data.id).not.toBe(first.data.id);
    expect(data.choices[0]?.message.content).toBe(first.data.choices[0]?.message.content);
    expect(data.usage).toMatchObject({ prompt_tokens: 0, completion_tokens: 0, total_tokens: 0 });
    expect(Number((data.usage as unknown as { cost?: number }).cost ?? 0)).toBe(0);
    expect(cacheOf(data.choices[0]?.message)).toMatchObject({ status: 'HIT', coalesced: false });
  });

  it('a request with the same JSON in another key order and layout hits', async () => {
    const content = prompt('reordered');
    const send = (body: string) =>
      fetch(`${gateway.url}/v1/chat/completions`, {
        method: 'POST',
        headers: { authorization: `Bearer ${TEST_KEY}`, 'content-type': 'application/json', ...CACHE },
        body,
      });
    const first = await send(
      `{"model":"mock/echo","temperature":0,"messages":[{"role":"user","content":"${content}"}]}`,
    );
    expect(first.headers.get('x-signalbox-cache-status')).toBe('MISS');
    await first.json();
    const second = await send(
      `{\n  "messages": [ { "content": "${content}", "role": "user" } ],\n  "temperature": 0,\n  "model": "mock/echo"\n}`,
    );
    expect(second.headers.get('x-signalbox-cache-status')).toBe('HIT');
    expect(((await second.json()) as { usage: { total_tokens: number } }).usage.total_tokens).toBe(0);
  });

  it('another gateway key does not see the entry (MISS)', async () => {
    const request = { model: 'mock/echo', messages: [{ role: 'user' as const, content: prompt('mine') }] };
    await openai.chat.completions.create(request, { headers: CACHE });
    const calls = gateway.mock.calls.length;
    const { response } = await other.chat.completions.create(request, { headers: CACHE }).withResponse();
    expect(response.headers.get('x-signalbox-cache-status')).toBe('MISS');
    expect(gateway.mock.calls.length).toBe(calls + 1);
  });

  it('50 identical concurrent requests make one provider call and all get the full answer', async () => {
    const content = prompt('fifty plain');
    const calls = gateway.mock.calls.length;
    const results = await Promise.all(
      Array.from({ length: 50 }, () =>
        openai.chat.completions
          .create({ model: 'mock/echo:delay-200', messages: [{ role: 'user', content }] }, { headers: CACHE })
          .withResponse(),
      ),
    );
    expect(gateway.mock.calls.length).toBe(calls + 1);
    for (const { data } of results) expect(data.choices[0]?.message.content).toBe(`echo: ${content}`);
    const statuses = results.map(({ response }) => response.headers.get('x-signalbox-cache-status'));
    expect(statuses.filter((status) => status === 'MISS')).toHaveLength(1);
  });

  it('50 identical concurrent streams make one provider call and all get the full answer', async () => {
    const content = prompt('fifty streamed words here');
    const calls = gateway.mock.calls.length;
    const texts = await Promise.all(
      Array.from({ length: 50 }, async () => {
        const stream = await openai.chat.completions.create(
          { model: 'mock/echo:drip-20', messages: [{ role: 'user', content }], stream: true },
          { headers: CACHE },
        );
        let text = '';
        for await (const chunk of stream) text += chunk.choices[0]?.delta.content ?? '';
        return text;
      }),
    );
    expect(gateway.mock.calls.length).toBe(calls + 1);
    for (const text of texts) expect(text).toBe(`echo: ${content}`);
  });

  it('a streamed repeat is replayed as a stream with 0 usage', async () => {
    const request = {
      model: 'mock/echo',
      messages: [{ role: 'user' as const, content: prompt('stream twice') }],
      stream: true as const,
      stream_options: { include_usage: true },
    };
    const read = async () => {
      const { data, response } = await openai.chat.completions
        .create(request, { headers: CACHE })
        .withResponse();
      let text = '';
      let usage: OpenAI.CompletionUsage | undefined;
      let final: unknown;
      for await (const chunk of data) {
        text += chunk.choices[0]?.delta.content ?? '';
        if (chunk.usage) usage = chunk.usage;
        if (chunk.choices[0]?.finish_reason) final = chunk.choices[0].delta;
      }
      return { text, usage, final, status: response.headers.get('x-signalbox-cache-status') };
    };
    const miss = await read();
    const calls = gateway.mock.calls.length;
    const hit = await read();
    expect(gateway.mock.calls.length).toBe(calls);
    expect([miss.status, hit.status]).toEqual(['MISS', 'HIT']);
    expect(hit.text).toBe(miss.text);
    expect(hit.usage).toMatchObject({ prompt_tokens: 0, completion_tokens: 0, total_tokens: 0 });
    expect(cacheOf(hit.final)).toMatchObject({ status: 'HIT' });
  });

  it('Anthropic SDK: plain and streamed hits in the Messages shape', async () => {
    const request = {
      model: 'mock/echo',
      max_tokens: 50,
      messages: [{ role: 'user' as const, content: prompt('claude') }],
    };
    const first = await anthropic.messages.create(request, { headers: CACHE });
    const calls = gateway.mock.calls.length;
    const { data, response } = await anthropic.messages.create(request, { headers: CACHE }).withResponse();
    expect(response.headers.get('x-signalbox-cache-status')).toBe('HIT');
    expect(data.content).toEqual(first.content);
    expect(data.id).not.toBe(first.id);
    expect(data.usage).toMatchObject({ input_tokens: 0, output_tokens: 0 });

    const streamed = { ...request, messages: [{ role: 'user' as const, content: prompt('claude stream') }] };
    await anthropic.messages.stream(streamed, { headers: CACHE }).finalMessage();
    const replay = await anthropic.messages.stream(streamed, { headers: CACHE }).finalMessage();
    expect(replay.content).toEqual([{ type: 'text', text: `echo: ${streamed.messages[0]?.content}` }]);
    expect(replay.usage.output_tokens).toBe(0);
    expect(gateway.mock.calls.length).toBe(calls + 1);
  });

  it('a TTL header out of range is a 400 naming the header', async () => {
    const request = { model: 'mock/echo', messages: [{ role: 'user' as const, content: prompt('ttl') }] };
    const failure = await openai.chat.completions
      .create(request, { headers: { ...CACHE, 'x-signalbox-cache-ttl': '86401' } })
      .catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(OpenAI.APIError);
    expect((failure as InstanceType<typeof OpenAI.APIError>).status).toBe(400);
    expect((failure as Error).message).toContain('x-signalbox-cache-ttl');
    const anthropicFailure = await anthropic.messages
      .create({ ...request, max_tokens: 10 }, { headers: { ...CACHE, 'x-signalbox-cache-ttl': 'soon' } })
      .catch((error: unknown) => error);
    expect((anthropicFailure as InstanceType<typeof Anthropic.APIError>).status).toBe(400);
    expect((anthropicFailure as Error).message).toContain('x-signalbox-cache-ttl');
  });

  it('accepts the OpenRouter header names and answers with them too', async () => {
    const request = {
      model: 'mock/echo',
      messages: [{ role: 'user' as const, content: prompt('openrouter') }],
    };
    const headers = { 'X-OpenRouter-Cache': 'true', 'X-OpenRouter-Cache-TTL': '60' };
    await openai.chat.completions.create(request, { headers });
    const { response } = await openai.chat.completions.create(request, { headers }).withResponse();
    expect(response.headers.get('x-openrouter-cache-status')).toBe('HIT');
    expect(response.headers.get('x-openrouter-cache-ttl')).toBe('60');
  });
});

describe('two example gateways (Express and Koa) sharing one Redis cache', () => {
  let gateways: Array<Awaited<ReturnType<typeof startExample>>> = [];

  beforeAll(async () => {
    const env = { REDIS_URL: testServerUrl('redis') };
    gateways = await Promise.all([startExample('express', env), startExample('koa', env)]);
  });
  afterAll(() => Promise.all(gateways.map((gateway) => gateway.close())));

  it('a miss on one is a hit on the other, which never calls its provider', async () => {
    const [express, koa] = gateways as [(typeof gateways)[0], (typeof gateways)[0]];
    const client = (url: string) => new OpenAI({ apiKey: TEST_KEY, baseURL: `${url}/v1`, maxRetries: 0 });
    // A short TTL: the entries clean themselves up.
    const headers = { ...CACHE, 'x-signalbox-cache-ttl': '5' };
    const request = {
      model: 'mock/echo',
      messages: [{ role: 'user' as const, content: `shared ${Date.now()}` }],
    };
    const first = await client(express.url).chat.completions.create(request, { headers }).withResponse();
    expect(first.response.headers.get('x-signalbox-cache-status')).toBe('MISS');
    const second = await client(koa.url).chat.completions.create(request, { headers }).withResponse();
    expect(second.response.headers.get('x-signalbox-cache-status')).toBe('HIT');
    expect(second.response.headers.get('x-signalbox-cache-source-id')).toBe(
      first.response.headers.get('x-signalbox-generation-id'),
    );
    expect(second.data.choices[0]?.message.content).toBe(first.data.choices[0]?.message.content);
    expect(koa.mock.calls).toHaveLength(0);
    expect(express.mock.calls).toHaveLength(1);
  });
});
