import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, FRAMEWORKS, PIXEL_PNG, startExample, TEST_KEY } from './helpers/start.js';

const weatherTool = {
  type: 'function' as const,
  function: {
    name: 'get_weather',
    description: 'Current weather for a city',
    parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
  },
};

describe.each(FRAMEWORKS)('OpenAI SDK against the example gateway on %s', (framework) => {
  let gateway: Awaited<ReturnType<typeof startExample>>;
  let client: OpenAI;

  beforeAll(async () => {
    gateway = await startExample(framework);
    client = new OpenAI({ apiKey: TEST_KEY, baseURL: `${gateway.url}/v1`, maxRetries: 0 });
  });
  afterAll(() => gateway.close());

  it('answers a plain chat completion', async () => {
    const completion = await client.chat.completions.create({
      model: 'mock/echo',
      messages: [
        { role: 'system', content: 'You are terse.' },
        { role: 'user', content: 'Hello there' },
      ],
    });
    expect(completion.object).toBe('chat.completion');
    expect(completion.id).toMatch(/^chatcmpl-/);
    expect(completion.model).toBe('mock/echo');
    expect(completion.choices[0]?.message).toMatchObject({ role: 'assistant', content: 'echo: Hello there' });
    expect(completion.choices[0]?.finish_reason).toBe('stop');
    expect(completion.usage?.prompt_tokens).toBeGreaterThan(0);
    expect(completion.usage?.completion_tokens).toBe(3);
    expect(completion.usage?.total_tokens).toBe((completion.usage?.prompt_tokens ?? 0) + 3);
  });

  it('streams word by word, with usage when asked', async () => {
    const stream = await client.chat.completions.create({
      model: 'mock/echo',
      messages: [{ role: 'user', content: 'one two three' }],
      stream: true,
      stream_options: { include_usage: true },
    });
    const deltas: string[] = [];
    let finish: string | null | undefined;
    let usage: OpenAI.CompletionUsage | null | undefined;
    for await (const chunk of stream) {
      if (chunk.usage) usage = chunk.usage;
      const choice = chunk.choices[0];
      if (choice?.delta.content) deltas.push(choice.delta.content);
      if (choice?.finish_reason) finish = choice.finish_reason;
    }
    expect(deltas.join('')).toBe('echo: one two three');
    expect(deltas.length).toBeGreaterThan(2);
    expect(finish).toBe('stop');
    expect(usage?.completion_tokens).toBe(4);
  });

  it('runs a tool round trip, plain and streamed', async () => {
    const messages: OpenAI.ChatCompletionMessageParam[] = [
      { role: 'user', content: 'What is the weather in Paris?' },
    ];
    const first = await client.chat.completions.create({
      model: 'mock/echo',
      messages,
      tools: [weatherTool],
    });
    const call = first.choices[0]?.message.tool_calls?.[0];
    expect(first.choices[0]?.finish_reason).toBe('tool_calls');
    expect(call?.type).toBe('function');
    if (call?.type !== 'function') throw new Error('expected a function call');
    expect(call.function.name).toBe('get_weather');
    expect(JSON.parse(call.function.arguments)).toHaveProperty('city');

    const streamed = client.chat.completions.stream({ model: 'mock/echo', messages, tools: [weatherTool] });
    const final = await streamed.finalChatCompletion();
    expect(final.choices[0]?.message.tool_calls?.[0]).toMatchObject({
      id: call.id,
      function: { name: 'get_weather' },
    });

    const second = await client.chat.completions.create({
      model: 'mock/echo',
      tools: [weatherTool],
      messages: [
        ...messages,
        first.choices[0]!.message,
        { role: 'tool', tool_call_id: call.id, content: 'sunny, 21C' },
      ],
    });
    expect(second.choices[0]?.message.content).toBe('tool said: sunny, 21C');
  });

  it('accepts image input', async () => {
    const completion = await client.chat.completions.create({
      model: 'mock/echo',
      messages: [
        {
          role: 'user',
          content: [
            { type: 'text', text: 'Describe' },
            { type: 'image_url', image_url: { url: `data:image/png;base64,${PIXEL_PNG}` } },
          ],
        },
      ],
    });
    expect(completion.choices[0]?.message.content).toBe('echo: Describe [1 image]');
  });

  it('lists models', async () => {
    const models = await client.models.list();
    expect(models.data.map((model) => model.id)).toContain('mock/echo');
    expect(models.data[0]).toMatchObject({ object: 'model' });
  });

  it('answers a wrong key with 401 in the OpenAI shape', async () => {
    const bad = new OpenAI({ apiKey: 'sk-sb-wrong-key-000000', baseURL: `${gateway.url}/v1`, maxRetries: 0 });
    const error = await bad.chat.completions
      .create({ model: 'mock/echo', messages: [{ role: 'user', content: 'hi' }] })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(OpenAI.AuthenticationError);
    expect((error as InstanceType<typeof OpenAI.APIError>).code).toBe('invalid_api_key');
  });

  it('answers an unknown model with 404 model_not_found', async () => {
    const error = await client.chat.completions
      .create({ model: 'nope/nothing', messages: [{ role: 'user', content: 'hi' }] })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(OpenAI.NotFoundError);
    expect((error as InstanceType<typeof OpenAI.APIError>).code).toBe('model_not_found');
  });

  it('answers an invalid role with 400 naming the field', async () => {
    const error = await client.chat.completions
      .create({
        model: 'mock/echo',
        messages: [{ role: 'user', content: 'hi' }, { role: 'wizard', content: 'x' } as never],
      })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(OpenAI.BadRequestError);
    const apiError = error as InstanceType<typeof OpenAI.APIError>;
    expect(apiError.param).toBe('messages[1].role');
    expect(apiError.message).toContain('messages[1].role');
  });

  it('answers a body over the limit with 413', async () => {
    const error = await client.chat.completions
      .create({ model: 'mock/echo', messages: [{ role: 'user', content: 'x'.repeat(1_100_000) }] })
      .catch((caught: unknown) => caught);
    expect((error as InstanceType<typeof OpenAI.APIError>).status).toBe(413);
  });

  it('aborts the upstream call when the client aborts mid-stream', async () => {
    const controller = new AbortController();
    const stream = await client.chat.completions.create(
      {
        model: 'mock/echo:drip-100',
        messages: [{ role: 'user', content: 'a b c d e f g h i j k l m n o p' }],
        stream: true,
      },
      { signal: controller.signal },
    );
    let received = 0;
    // The SDK ends the iteration quietly on its own abort (or throws an APIUserAbortError).
    await (async () => {
      for await (const _chunk of stream) {
        received += 1;
        if (received === 2) controller.abort();
      }
    })().catch((error: unknown) => {
      expect(error).toBeInstanceOf(OpenAI.APIUserAbortError);
    });
    expect(received).toBe(2);
    const call = gateway.mock.calls.at(-1);
    expect(call?.modelId).toBe('echo:drip-100');
    await eventually(() => call?.signal.aborted === true);
  });
});
