import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import OpenAI from 'openai';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type CustomProviderApp, createApp } from './app.js';
import { type FakeCohere, startFakeCohere } from './fake-cohere.js';

let upstream: FakeCohere;
let gateway: CustomProviderApp;
let server: Server;
let baseURL: string;
let client: OpenAI;

const weatherTool = {
  type: 'function' as const,
  function: {
    name: 'get_weather',
    description: 'The current weather in a city.',
    parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
  },
};

beforeAll(async () => {
  upstream = await startFakeCohere({ apiKey: 'co-app' });
  gateway = createApp({ cohereApiKey: 'co-app', cohereBaseURL: upstream.url });
  server = gateway.app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  baseURL = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
  client = new OpenAI({ apiKey: 'unused', baseURL, maxRetries: 0 });
});
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  await gateway.close();
  await upstream.close();
});
beforeEach(() => upstream.reset());

describe('the OpenAI SDK through the gateway to Cohere', () => {
  it('answers a plain completion with usage', async () => {
    const completion = await client.chat.completions.create({
      model: 'cohere/command-a-03-2025',
      messages: [
        { role: 'system', content: 'Be brief.' },
        { role: 'user', content: 'small' },
      ],
      max_tokens: 20,
    });
    expect(completion.choices[0]?.message.content).toBe('echo: small');
    expect(completion.choices[0]?.finish_reason).toBe('stop');
    expect(completion.usage?.prompt_tokens).toBeGreaterThan(0);
    expect(completion.usage?.completion_tokens).toBe(2);
    expect(upstream.requests.at(-1)?.body).toEqual({
      model: 'command-a-03-2025',
      messages: [
        { role: 'system', content: 'Be brief.' },
        { role: 'user', content: 'small' },
      ],
      max_tokens: 20,
    });
  });

  it('streams, with the usage chunk when asked', async () => {
    const stream = await client.chat.completions.create({
      model: 'command',
      messages: [{ role: 'user', content: 'one two three' }],
      stream: true,
      stream_options: { include_usage: true },
    });
    let text = '';
    let finish: string | null | undefined;
    let usage: OpenAI.CompletionUsage | null | undefined;
    for await (const chunk of stream) {
      text += chunk.choices[0]?.delta.content ?? '';
      finish ??= chunk.choices[0]?.finish_reason;
      if (chunk.usage) usage = chunk.usage;
    }
    expect(text).toBe('echo: one two three');
    expect(finish).toBe('stop');
    expect(usage?.completion_tokens).toBe(4);
    expect(upstream.requests.at(-1)?.body).toMatchObject({ model: 'command-a-03-2025', stream: true });
  });

  it('completes a tool round trip', async () => {
    const messages: OpenAI.ChatCompletionMessageParam[] = [
      { role: 'user', content: 'What is the weather in Paris?' },
    ];
    const first = await client.chat.completions.create({
      model: 'cohere/command-a-03-2025',
      messages,
      tools: [weatherTool],
    });
    const message = first.choices[0]?.message;
    expect(first.choices[0]?.finish_reason).toBe('tool_calls');
    const call = message?.tool_calls?.[0];
    if (call?.type !== 'function') throw new Error('expected a function tool call');
    expect(call.function).toEqual({ name: 'get_weather', arguments: '{"city":"Paris"}' });
    if (!message) throw new Error('no message');
    messages.push(message, { role: 'tool', tool_call_id: call.id, content: 'Sunny, 21 C' });
    const second = await client.chat.completions.create({
      model: 'cohere/command-a-03-2025',
      messages,
      tools: [weatherTool],
    });
    expect(second.choices[0]?.message.content).toBe('tool said: Sunny, 21 C');
    const sent = upstream.requests.at(-1)?.body as { messages: Array<Record<string, unknown>> };
    expect(sent.messages.map((item) => item.role)).toEqual(['user', 'assistant', 'tool']);
    expect(sent.messages[2]).toEqual({ role: 'tool', tool_call_id: call.id, content: 'Sunny, 21 C' });
  });

  it('streams a tool call', async () => {
    const stream = await client.chat.completions.create({
      model: 'cohere/command-a-03-2025',
      messages: [{ role: 'user', content: 'weather?' }],
      tools: [weatherTool],
      tool_choice: 'required',
      stream: true,
    });
    let argumentsText = '';
    let name: string | undefined;
    let finish: string | null | undefined;
    for await (const chunk of stream) {
      for (const call of chunk.choices[0]?.delta.tool_calls ?? []) {
        name ??= call.function?.name;
        argumentsText += call.function?.arguments ?? '';
      }
      finish ??= chunk.choices[0]?.finish_reason;
    }
    expect([name, JSON.parse(argumentsText), finish]).toEqual([
      'get_weather',
      { city: 'Paris' },
      'tool_calls',
    ]);
    expect(upstream.requests.at(-1)?.body).toMatchObject({ tool_choice: 'REQUIRED' });
  });

  it("gets Cohere's errors with their status: 400, and 429 with Retry-After", async () => {
    const invalid = await client.chat.completions
      .create({
        model: 'cohere/command-a-03-2025',
        messages: [{ role: 'user', content: 'hi' }],
        temperature: 1.5,
      })
      .catch((error: unknown) => error);
    expect(invalid).toBeInstanceOf(OpenAI.BadRequestError);
    expect((invalid as Error).message).toMatch(/temperature must be between 0 and 1/);
    const limited = await client.chat.completions
      .create({
        model: 'cohere/command-a-03-2025:status-429:retry-after-2',
        messages: [{ role: 'user', content: 'hi' }],
      })
      .catch((error: unknown) => error);
    expect(limited).toBeInstanceOf(OpenAI.RateLimitError);
    expect((limited as InstanceType<typeof OpenAI.RateLimitError>).headers?.get('retry-after')).toBe('2');
  });

  it('lists the Cohere models', async () => {
    const ids = [];
    for await (const model of client.models.list()) ids.push(model.id);
    expect(ids).toEqual(expect.arrayContaining(['cohere/command-a-03-2025', 'cohere/command-r7b-12-2024']));
  });
});

describe('an Anthropic-format client through the gateway to Cohere', () => {
  it('answers /v1/messages', async () => {
    const response = await fetch(`${baseURL}/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'anthropic-version': '2023-06-01' },
      body: JSON.stringify({
        model: 'cohere/command-a-03-2025',
        max_tokens: 50,
        system: 'Be brief.',
        messages: [{ role: 'user', content: 'bonjour' }],
      }),
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({
      type: 'message',
      role: 'assistant',
      content: [{ type: 'text', text: 'echo: bonjour' }],
      stop_reason: 'end_turn',
    });
  });
});
