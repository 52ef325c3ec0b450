import Anthropic from '@anthropic-ai/sdk';
import { type FakeUpstream, startFakeAnthropic, testServerUrl } from '@signalbox/testing';
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FRAMEWORKS, startExample, TEST_KEY } from './helpers/start.js';

/**
 * Cost accounting through the example gateway with the official SDKs, on Express and Koa: exact
 * costs (computed by hand from the list prices) in both vocabularies on both endpoints, plain
 * and streamed, with cache reads and writes, BYOK, the ledger behind GET /generation, aborts,
 * retries, estimates and the models list's pricing.
 *
 * Prices: mock/echo $1 in, $2 out per million tokens; claude-haiku-4-5 $1 in, $0.10 cache read,
 * $1.25 5-minute / $2 1-hour cache write, $5 out per million.
 */

const OTHER_KEY = 'sk-sb-e2e-test-key-0002';
type Json = Record<string, unknown>;

/** 'Hello there' on mock/echo: 11 characters -> 3 input tokens ($0.000003), 'echo: Hello there' -> 3 output tokens ($0.000006). */
const helloOpenRouter = {
  cost: 0.000009,
  is_byok: false,
  cost_details: {
    upstream_inference_cost: 0.000009,
    upstream_inference_prompt_cost: 0.000003,
    upstream_inference_completions_cost: 0.000006,
  },
  market_cost: 0.000009,
  prompt_tokens_details: { cached_tokens: 0, cache_write_tokens: 0 },
  completion_tokens_details: { reasoning_tokens: 0 },
};
const helloGateway = {
  cost: '0.000009',
  marketCost: '0.000009',
  inferenceCost: '0.000009',
  inputInferenceCost: '0.000003',
  outputInferenceCost: '0.000006',
};

function json(value: unknown): Json {
  if (typeof value !== 'object' || value === null)
    throw new Error(`expected an object, got ${JSON.stringify(value)}`);
  return value as Json;
}

function gatewayOf(holder: unknown): Json {
  return json(json(json(holder).provider_metadata).gateway);
}

async function generation(
  url: string,
  id: string | null,
  key = TEST_KEY,
): Promise<{ status: number; body: Json }> {
  const response = await fetch(`${url}/v1/generation?id=${id}`, {
    headers: { authorization: `Bearer ${key}` },
  });
  return { status: response.status, body: json(await response.json()) };
}

describe.each(FRAMEWORKS)('cost accounting through the example gateway on %s', (framework) => {
  let gateway: Awaited<ReturnType<typeof startExample>>;
  let upstream: FakeUpstream;
  let openai: OpenAI;
  let anthropic: Anthropic;

  beforeAll(async () => {
    upstream = await startFakeAnthropic();
    gateway = await startExample(framework, {
      SIGNALBOX_API_KEYS: `${TEST_KEY},${OTHER_KEY}`,
      SIGNALBOX_BYOK_HEADERS: 'true',
      ANTHROPIC_API_KEY: 'sk-ant-test',
      ANTHROPIC_BASE_URL: upstream.url,
    });
    openai = new OpenAI({ apiKey: TEST_KEY, baseURL: `${gateway.url}/v1`, maxRetries: 0 });
    anthropic = new Anthropic({ authToken: TEST_KEY, baseURL: gateway.url, maxRetries: 0 });
  });
  afterAll(async () => {
    await gateway.close();
    await upstream.close();
  });

  it('OpenAI SDK, plain: usage in both vocabularies and the gateway cost strings', async () => {
    const { data, response } = await openai.chat.completions
      .create({ model: 'mock/echo', messages: [{ role: 'user', content: 'Hello there' }] })
      .withResponse();
    expect(data.usage).toEqual({
      prompt_tokens: 3,
      completion_tokens: 3,
      total_tokens: 6,
      cache_creation_input_tokens: 0,
      ...helloOpenRouter,
    });
    expect(gatewayOf(data.choices[0]?.message)).toMatchObject(helloGateway);
    const record = await generation(gateway.url, response.headers.get('x-signalbox-generation-id'));
    expect(record.status).toBe(200);
    expect(record.body.data).toMatchObject({
      id: response.headers.get('x-signalbox-generation-id'),
      model: 'mock/echo',
      provider_name: 'mock',
      total_cost: 0.000009,
      upstream_inference_cost: 0.000009,
      cache_discount: 0,
      is_byok: false,
      tokens_prompt: 3,
      tokens_completion: 3,
      native_tokens_cached: 0,
      native_tokens_cache_write: 0,
      native_tokens_reasoning: 0,
      finish_reason: 'stop',
      native_finish_reason: 'stop',
      streamed: false,
      cancelled: false,
      response_cache_source_id: null,
      provider_responses: [{ provider_name: 'mock', status: 200, is_byok: false }],
    });
  });

  it('OpenAI SDK, streamed: the usage chunk and the final delta carry the same exact cost', async () => {
    const stream = await openai.chat.completions.create({
      model: 'mock/echo',
      messages: [{ role: 'user', content: 'Hello there' }],
      stream: true,
      stream_options: { include_usage: true },
    });
    let usage: unknown;
    let finalDelta: unknown;
    for await (const chunk of stream) {
      if (chunk.usage) usage = chunk.usage;
      if (chunk.choices[0]?.finish_reason) finalDelta = chunk.choices[0].delta;
    }
    expect(usage).toMatchObject({
      prompt_tokens: 3,
      completion_tokens: 3,
      cache_creation_input_tokens: 0,
      ...helloOpenRouter,
    });
    expect(gatewayOf(finalDelta)).toMatchObject(helloGateway);
  });

  it('Anthropic SDK, plain and streamed: usage and message_delta carry the cost', async () => {
    const message = await anthropic.messages.create({
      model: 'mock/echo',
      max_tokens: 100,
      messages: [{ role: 'user', content: 'Hello there' }],
    });
    expect(message.usage).toMatchObject({
      input_tokens: 3,
      output_tokens: 3,
      cache_creation_input_tokens: 0,
      cache_read_input_tokens: 0,
      ...helloOpenRouter,
    });
    expect(gatewayOf(message)).toMatchObject(helloGateway);

    const stream = anthropic.messages.stream({
      model: 'mock/echo',
      max_tokens: 100,
      messages: [{ role: 'user', content: 'Hello there' }],
    });
    let messageDelta: unknown;
    stream.on('streamEvent', (event) => {
      if (event.type === 'message_delta') messageDelta = event;
    });
    await stream.finalMessage();
    expect(json(messageDelta).usage).toMatchObject({ output_tokens: 3, ...helloOpenRouter });
    expect(gatewayOf(messageDelta)).toMatchObject(helloGateway);
  });

  it('BYOK: the market cost is shown, nothing is charged, is_byok everywhere', async () => {
    const { data, response } = await openai.chat.completions
      .create(
        { model: 'mock/echo', messages: [{ role: 'user', content: 'Hello there' }] },
        { headers: { 'x-signalbox-provider-key-mock': 'sk-own-mock-key' } },
      )
      .withResponse();
    expect(data.usage).toMatchObject({
      cost: 0,
      is_byok: true,
      market_cost: 0.000009,
      cost_details: { upstream_inference_cost: 0.000009 },
    });
    expect(gatewayOf(data.choices[0]?.message)).toMatchObject({ cost: '0', marketCost: '0.000009' });
    const record = await generation(gateway.url, response.headers.get('x-signalbox-generation-id'));
    expect(record.body.data).toMatchObject({
      total_cost: 0,
      upstream_inference_cost: 0.000009,
      is_byok: true,
      provider_responses: [{ is_byok: true }],
    });
  });

  describe('Anthropic prompt caching (fake Anthropic upstream)', () => {
    const system = (text: string, ttl?: '1h') => [
      {
        type: 'text' as const,
        text: `${text} `.repeat(60),
        cache_control: { type: 'ephemeral' as const, ...(ttl && { ttl }) },
      },
    ];

    it('writes at the 5-minute write rate, then reads at the cache-read rate, plain and streamed', async () => {
      const request = {
        model: 'anthropic/claude-haiku-4-5',
        max_tokens: 50,
        system: system('You answer in one short sentence.'),
        messages: [{ role: 'user' as const, content: 'Hello there' }],
      };
      const first = await anthropic.messages.create(request);
      const write = first.usage.cache_creation_input_tokens ?? 0;
      expect(write).toBeGreaterThan(100);
      const { input_tokens: input, output_tokens: output } = first.usage;
      // In $0.00000001 per token: input 100, cache write (5 min) 125, output 500.
      const prompt = usd(input * 100 + write * 125);
      const completion = usd(output * 500);
      const total = usd(input * 100 + write * 125 + output * 500);
      expect(first.usage).toMatchObject({
        cache_read_input_tokens: 0,
        prompt_tokens_details: { cached_tokens: 0, cache_write_tokens: write },
        cost: Number(total),
        cost_details: {
          upstream_inference_cost: Number(total),
          upstream_inference_prompt_cost: Number(prompt),
          upstream_inference_completions_cost: Number(completion),
        },
      });
      expect(gatewayOf(first)).toMatchObject({
        cost: total,
        inputInferenceCost: prompt,
        outputInferenceCost: completion,
      });

      const stream = anthropic.messages.stream(request);
      let messageDelta: unknown;
      stream.on('streamEvent', (event) => {
        if (event.type === 'message_delta') messageDelta = event;
      });
      await stream.finalMessage();
      const usage = json(json(messageDelta).usage);
      expect(usage.cache_read_input_tokens).toBe(write);
      expect(usage.cache_creation_input_tokens).toBe(0);
      expect(usage.prompt_tokens_details).toEqual({ cached_tokens: write, cache_write_tokens: 0 });
      // The cache read at 10 (not the input rate's 100), in the stream too, and no write charged again.
      const read = usd(input * 100 + write * 10 + output * 500);
      expect(usage.cost).toBe(Number(read));
      expect(gatewayOf(messageDelta).cost).toBe(read);
    });

    it('writes with the 1-hour TTL at the 1-hour rate', async () => {
      const message = await anthropic.messages.create({
        model: 'anthropic/claude-haiku-4-5',
        max_tokens: 50,
        system: system('Keep this for an hour, please.', '1h') as Anthropic.TextBlockParam[],
        messages: [{ role: 'user', content: 'Hello there' }],
      });
      const write = message.usage.cache_creation_input_tokens ?? 0;
      expect(write).toBeGreaterThan(100);
      const { input_tokens: input, output_tokens: output } = message.usage;
      // cache write (1 hour) 200 per token, in $0.00000001
      expect(gatewayOf(message).cost).toBe(usd(input * 100 + write * 200 + output * 500));
    });
  });

  it('a response-cache hit costs 0 (market 0 too), 0 tokens, and records what it saved and its source', async () => {
    const request = { model: 'mock/echo', messages: [{ role: 'user' as const, content: 'Hello there' }] };
    const options = { headers: { 'x-signalbox-cache': 'true' } };
    const first = await openai.chat.completions.create(request, options).withResponse();
    expect(first.response.headers.get('x-signalbox-cache-status')).toBe('MISS');
    expect(first.data.usage).toMatchObject({ cost: 0.000009 });
    const second = await openai.chat.completions.create(request, options).withResponse();
    expect(second.response.headers.get('x-signalbox-cache-status')).toBe('HIT');
    expect(second.data.usage).toMatchObject({
      prompt_tokens: 0,
      completion_tokens: 0,
      cost: 0,
      market_cost: 0,
    });
    expect(gatewayOf(second.data.choices[0]?.message)).toMatchObject({ cost: '0', marketCost: '0' });
    const record = await generation(gateway.url, second.response.headers.get('x-signalbox-generation-id'));
    expect(record.body.data).toMatchObject({
      total_cost: 0,
      upstream_inference_cost: 0,
      cache_discount: 0.000009,
      tokens_prompt: 0,
      tokens_completion: 0,
      response_cache_source_id: first.response.headers.get('x-signalbox-generation-id'),
      signalbox: { cached: true },
    });
  });

  it('a streamed response-cache hit (Anthropic SDK) carries cost 0 in its message_delta', async () => {
    const run = async () => {
      const stream = anthropic.messages.stream(
        { model: 'mock/echo', max_tokens: 100, messages: [{ role: 'user', content: 'cache this stream' }] },
        { headers: { 'x-signalbox-cache': 'true' } },
      );
      let messageDelta: unknown;
      stream.on('streamEvent', (event) => {
        if (event.type === 'message_delta') messageDelta = event;
      });
      const { response } = await stream.withResponse();
      await stream.finalMessage();
      return { messageDelta, status: response.headers.get('x-signalbox-cache-status') };
    };
    const first = await run();
    expect(first.status).toBe('MISS');
    // 'cache this stream' -> 5 input tokens, 'echo: cache this stream' -> 4 output: $0.000005 + $0.000008
    expect(json(first.messageDelta).usage).toMatchObject({ cost: 0.000013, market_cost: 0.000013 });
    const second = await run();
    expect(second.status).toBe('HIT');
    expect(json(second.messageDelta).usage).toMatchObject({
      output_tokens: 0,
      cost: 0,
      market_cost: 0,
      is_byok: false,
    });
    expect(gatewayOf(second.messageDelta)).toMatchObject({ cost: '0', marketCost: '0' });
  });

  it('GET /generation: only the key that made it can read it; unknown ids are 404', async () => {
    const { response } = await openai.chat.completions
      .create({ model: 'mock/echo', messages: [{ role: 'user', content: 'mine' }] })
      .withResponse();
    const id = response.headers.get('x-signalbox-generation-id');
    expect((await generation(gateway.url, id)).status).toBe(200);
    const other = await generation(gateway.url, id, OTHER_KEY);
    expect(other.status).toBe(404);
    expect(other.body).toMatchObject({ error: { code: 'generation_not_found', param: 'id' } });
    expect((await generation(gateway.url, 'gen_does_not_exist')).status).toBe(404);
  });

  it('a retried then fallen-back request is one ledger entry listing every attempt', async () => {
    const model = `mock/echo:status-503:cost-${framework}-${process.pid}`;
    const { response } = await openai.chat.completions
      .create({ model, messages: [{ role: 'user', content: 'Hello there' }], models: ['mock/echo'] } as never)
      .withResponse();
    const record = await generation(gateway.url, response.headers.get('x-signalbox-generation-id'));
    const data = json(record.body.data);
    expect(data.total_cost).toBe(0.000009);
    const attempts = data.provider_responses as Array<{ status: number }>;
    expect(attempts.map((attempt) => attempt.status)).toEqual([...attempts.slice(0, -1).map(() => 503), 200]);
    expect(attempts.length).toBeGreaterThanOrEqual(2);
  });

  it('a client abort mid-stream is recorded once, charged for what was streamed, estimated', async () => {
    const { data: stream, response } = await openai.chat.completions
      .create({
        model: 'mock/echo:drip-40',
        messages: [{ role: 'user', content: 'one two three four five six seven eight' }],
        stream: true,
      })
      .withResponse();
    const id = response.headers.get('x-signalbox-generation-id');
    let contentChunks = 0;
    for await (const chunk of stream) {
      if (chunk.choices[0]?.delta.content) contentChunks += 1;
      if (contentChunks === 2) break; // closes the connection
    }
    // The entry is written when the server has seen the connection close.
    let record: { status: number; body: Json } = { status: 0, body: {} };
    for (let tries = 0; tries < 100 && record.status !== 200; tries++) {
      record = await generation(gateway.url, id);
      if (record.status !== 200) await new Promise((resolve) => setTimeout(resolve, 30));
    }
    const data = json(record.body.data);
    expect(data).toMatchObject({ cancelled: true, streamed: true, finish_reason: null, tokens_prompt: 14 });
    expect(json(data.signalbox).estimated).toBe(true);
    // input: 39 characters / 4 -> 10, + 4 for the message = 14 tokens; output: what was streamed / 4
    const completion = data.tokens_completion as number;
    expect(completion).toBeGreaterThanOrEqual(3);
    expect(json(data.signalbox).cost).toBe(usd(1400 + completion * 200));
  });

  it('x-signalbox-estimate: ranges without a provider call, the real cost within them', async () => {
    const calls = gateway.mock.calls.length;
    const response = await fetch(`${gateway.url}/v1/messages`, {
      method: 'POST',
      headers: {
        'x-api-key': TEST_KEY,
        'anthropic-version': '2023-06-01',
        'content-type': 'application/json',
        'x-signalbox-estimate': 'true',
      },
      body: JSON.stringify({
        model: 'mock/echo',
        max_tokens: 50,
        messages: [{ role: 'user', content: 'Hello there' }],
      }),
    });
    expect(response.status).toBe(200);
    const estimate = json(await response.json());
    expect(estimate).toEqual({
      object: 'signalbox.estimate',
      model: 'mock/echo',
      input_tokens: { min: 3, max: 3 },
      output_tokens: { min: 0, max: 50 },
      cost: { min: '0.000003', max: '0.000103' },
      market_cost: { min: '0.000003', max: '0.000103' },
      method: 'count_tokens',
      currency: 'USD',
    });
    expect(gateway.mock.calls.length).toBe(calls);
    const message = await anthropic.messages.create({
      model: 'mock/echo',
      max_tokens: 50,
      messages: [{ role: 'user', content: 'Hello there' }],
    });
    const real = json(message.usage).cost as number;
    expect(real).toBeGreaterThanOrEqual(0.000003);
    expect(real).toBeLessThanOrEqual(0.000103);
  });

  it('GET /v1/models lists OpenRouter pricing', async () => {
    const models = await openai.models.list();
    const echo = models.data.find((model) => model.id === 'mock/echo');
    expect(json(echo).pricing).toEqual({
      prompt: '0.000001',
      completion: '0.000002',
      request: '0',
      image: '0',
    });
  });
});

describe('the ledger on Postgres (DATABASE_URL), shared by two gateway processes', () => {
  let express: Awaited<ReturnType<typeof startExample>>;
  let koa: Awaited<ReturnType<typeof startExample>>;

  beforeAll(async () => {
    const env = { DATABASE_URL: testServerUrl('postgres') };
    express = await startExample('express', env);
    koa = await startExample('koa', env);
  });
  afterAll(async () => {
    await express.close();
    await koa.close();
  });

  it('a generation made through one process is read, exact, through the other', async () => {
    const openai = new OpenAI({ apiKey: TEST_KEY, baseURL: `${express.url}/v1`, maxRetries: 0 });
    const { data, response } = await openai.chat.completions
      .create({ model: 'mock/echo', messages: [{ role: 'user', content: 'Hello there' }] })
      .withResponse();
    expect(data.usage).toMatchObject(helloOpenRouter);
    const id = response.headers.get('x-signalbox-generation-id');
    const record = await generation(koa.url, id);
    expect(record.status).toBe(200);
    expect(record.body.data).toMatchObject({
      id,
      total_cost: 0.000009,
      tokens_prompt: 3,
      tokens_completion: 3,
      signalbox: {
        cost: '0.000009',
        market_cost: '0.000009',
        input_cost: '0.000003',
        output_cost: '0.000006',
      },
    });
  });
});

/** An exact USD decimal string from a whole number of $0.00000001 units (no floats involved). */
function usd(units: number): string {
  const text = String(units).padStart(9, '0');
  const fraction = text.slice(-8).replace(/0+$/, '');
  const whole = text.slice(0, -8);
  return fraction === '' ? whole : `${whole}.${fraction}`;
}
