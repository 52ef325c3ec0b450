import Anthropic from '@anthropic-ai/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, FRAMEWORKS, PIXEL_PNG, startExample, TEST_KEY } from './helpers/start.js';

const weatherTool: Anthropic.Tool = {
  name: 'get_weather',
  description: 'Current weather for a city',
  input_schema: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
};

describe.each(FRAMEWORKS)('Anthropic SDK against the example gateway on %s', (framework) => {
  let gateway: Awaited<ReturnType<typeof startExample>>;
  let client: Anthropic;

  beforeAll(async () => {
    gateway = await startExample(framework);
    // The SDK's default: Authorization: Bearer and anthropic-version 2026-10-21.
    client = new Anthropic({ authToken: TEST_KEY, baseURL: gateway.url, maxRetries: 0 });
  });
  afterAll(() => gateway.close());

  it('answers a plain message (Bearer, 2026-10-21)', async () => {
    const message = await client.messages.create({
      model: 'mock/echo',
      max_tokens: 100,
      system: 'You are terse.',
      messages: [{ role: 'user', content: 'Hello there' }],
    });
    expect(message.type).toBe('message');
    expect(message.id).toMatch(/^msg_/);
    expect(message.content).toEqual([{ type: 'text', text: 'echo: Hello there' }]);
    expect(message.stop_reason).toBe('end_turn');
    expect(message.usage.input_tokens).toBeGreaterThan(0);
    expect(message.usage.output_tokens).toBe(3);
  });

  it('answers with x-api-key and anthropic-version 2023-06-01', async () => {
    const legacy = new Anthropic({
      apiKey: TEST_KEY,
      baseURL: gateway.url,
      maxRetries: 0,
      defaultHeaders: { 'anthropic-version': '2023-06-01' },
    });
    const message = await legacy.messages.create({
      model: 'mock/echo',
      max_tokens: 50,
      messages: [{ role: 'user', content: 'legacy' }],
    });
    expect(message.content[0]).toEqual({ type: 'text', text: 'echo: legacy' });
  });

  it('streams events the SDK assembles into a message', async () => {
    const stream = client.messages.stream({
      model: 'mock/echo',
      max_tokens: 100,
      messages: [{ role: 'user', content: 'one two three' }],
    });
    const deltas: string[] = [];
    stream.on('text', (text) => deltas.push(text));
    const message = await stream.finalMessage();
    expect(deltas.join('')).toBe('echo: one two three');
    expect(deltas.length).toBeGreaterThan(2);
    expect(message.content).toEqual([{ type: 'text', text: 'echo: one two three' }]);
    expect(message.stop_reason).toBe('end_turn');
    expect(message.usage.output_tokens).toBe(4);
  });

  it('runs a tool round trip, plain and streamed', async () => {
    const messages: Anthropic.MessageParam[] = [{ role: 'user', content: 'What is the weather in Paris?' }];
    const first = await client.messages.create({
      model: 'mock/echo',
      max_tokens: 100,
      messages,
      tools: [weatherTool],
    });
    expect(first.stop_reason).toBe('tool_use');
    const toolUse = first.content.find((block) => block.type === 'tool_use');
    if (toolUse?.type !== 'tool_use') throw new Error('expected tool_use');
    expect(toolUse.name).toBe('get_weather');
    expect(toolUse.input).toHaveProperty('city');

    const streamed = await client.messages
      .stream({ model: 'mock/echo', max_tokens: 100, messages, tools: [weatherTool] })
      .finalMessage();
    expect(streamed.content.find((block) => block.type === 'tool_use')).toMatchObject({
      type: 'tool_use',
      name: 'get_weather',
      input: toolUse.input,
    });

    const second = await client.messages.create({
      model: 'mock/echo',
      max_tokens: 100,
      tools: [weatherTool],
      messages: [
        ...messages,
        { role: 'assistant', content: first.content },
        { role: 'user', content: [{ type: 'tool_result', tool_use_id: toolUse.id, content: 'sunny, 21C' }] },
      ],
    });
    expect(second.content[0]).toEqual({ type: 'text', text: 'tool said: sunny, 21C' });
  });

  it('accepts image input', async () => {
    const message = await client.messages.create({
      model: 'mock/echo',
      max_tokens: 100,
      messages: [
        {
          role: 'user',
          content: [
            { type: 'text', text: 'Describe' },
            { type: 'image', source: { type: 'base64', media_type: 'image/png', data: PIXEL_PNG } },
          ],
        },
      ],
    });
    expect(message.content[0]).toEqual({ type: 'text', text: 'echo: Describe [1 image]' });
  });

  it('lists models in the Anthropic shape', async () => {
    const page = await client.models.list();
    expect(page.data.map((model) => model.id)).toContain('mock/echo');
    expect(page.data[0]).toMatchObject({ type: 'model' });
  });

  it('counts tokens', async () => {
    const counted = await client.messages.countTokens({
      model: 'mock/echo',
      messages: [{ role: 'user', content: 'count these tokens please' }],
    });
    expect(counted.input_tokens).toBeGreaterThan(0);
  });

  it('answers a wrong key with 401 authentication_error', async () => {
    const bad = new Anthropic({ apiKey: 'sk-sb-wrong-key-000000', baseURL: gateway.url, maxRetries: 0 });
    const error = await bad.messages
      .create({ model: 'mock/echo', max_tokens: 10, messages: [{ role: 'user', content: 'hi' }] })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(Anthropic.AuthenticationError);
    expect((error as InstanceType<typeof Anthropic.APIError>).error).toMatchObject({
      type: 'error',
      error: { type: 'authentication_error' },
    });
  });

  it('answers an unknown model with 404 not_found_error', async () => {
    const error = await client.messages
      .create({ model: 'nope/nothing', max_tokens: 10, messages: [{ role: 'user', content: 'hi' }] })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(Anthropic.NotFoundError);
    expect((error as InstanceType<typeof Anthropic.APIError>).error).toMatchObject({
      error: { type: 'not_found_error' },
    });
  });

  it('answers an invalid role with 400 naming the field', async () => {
    const error = await client.messages
      .create({
        model: 'mock/echo',
        max_tokens: 10,
        messages: [{ role: 'user', content: 'hi' }, { role: 'wizard', content: 'x' } as never],
      })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(Anthropic.BadRequestError);
    expect((error as Error).message).toContain('messages.1.role');
  });

  it('answers a body over the limit with 413 request_too_large', async () => {
    const error = await client.messages
      .create({
        model: 'mock/echo',
        max_tokens: 10,
        messages: [{ role: 'user', content: 'x'.repeat(1_100_000) }],
      })
      .catch((caught: unknown) => caught);
    expect((error as InstanceType<typeof Anthropic.APIError>).status).toBe(413);
    expect((error as InstanceType<typeof Anthropic.APIError>).error).toMatchObject({
      error: { type: 'request_too_large' },
    });
  });

  it('aborts the upstream call when the client aborts mid-stream', async () => {
    const stream = client.messages.stream({
      model: 'mock/echo:drip-100',
      max_tokens: 100,
      messages: [{ role: 'user', content: 'a b c d e f g h i j k l m n o p' }],
    });
    let deltas = 0;
    stream.on('text', () => {
      deltas += 1;
      if (deltas === 2) stream.abort();
    });
    await expect(stream.finalMessage()).rejects.toThrow();
    const call = gateway.mock.calls.at(-1);
    expect(call?.modelId).toBe('echo:drip-100');
    await eventually(() => call?.signal.aborted === true);
  });
});
