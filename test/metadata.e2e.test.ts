import Anthropic from '@anthropic-ai/sdk';
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FRAMEWORKS, startExample, TEST_KEY } from './helpers/start.js';

/** What `metadata()` adds on top of the SDK types (Vercel's gateway object, OpenRouter's fields). */
interface GatewayObject {
  routing: {
    originalModelId: string;
    resolvedProvider: string;
    finalProvider: string;
    modelAttemptCount: number;
    modelAttempts: Array<{
      modelId: string;
      success: boolean;
      providerAttempts: Array<{ provider: string; statusCode: number }>;
    }>;
    totalProviderAttemptCount: number;
  };
  generationId: string;
}
interface WithGateway {
  provider_metadata?: { gateway?: GatewayObject };
}

function gatewayOf(holder: unknown): GatewayObject {
  const gateway = (holder as WithGateway).provider_metadata?.gateway;
  if (!gateway) throw new Error(`no provider_metadata.gateway in ${JSON.stringify(holder)}`);
  return gateway;
}

function expectDirectMock(gateway: GatewayObject, generationId: string | null): void {
  expect(gateway.generationId).toBe(generationId);
  expect(gateway.routing).toMatchObject({
    originalModelId: 'mock/echo',
    finalProvider: 'mock',
    modelAttemptCount: 1,
    totalProviderAttemptCount: 1,
  });
  expect(gateway.routing.modelAttempts[0]).toMatchObject({
    modelId: 'mock:echo',
    success: true,
    providerAttempts: [{ provider: 'mock', statusCode: 200 }],
  });
}

describe.each(FRAMEWORKS)('gateway metadata through the official SDKs on %s', (framework) => {
  let gateway: Awaited<ReturnType<typeof startExample>>;
  let openai: OpenAI;
  let anthropic: Anthropic;

  beforeAll(async () => {
    gateway = await startExample(framework);
    openai = new OpenAI({ apiKey: TEST_KEY, baseURL: `${gateway.url}/v1`, maxRetries: 0 });
    anthropic = new Anthropic({ authToken: TEST_KEY, baseURL: gateway.url, maxRetries: 0 });
  });
  afterAll(() => gateway.close());

  it('OpenAI SDK: a plain completion parses and carries both shapes and the headers', async () => {
    const { data, response } = await openai.chat.completions
      .create({ model: 'mock/echo', messages: [{ role: 'user', content: 'Hello there' }] })
      .withResponse();
    expect(data.choices[0]?.message.content).toBe('echo: Hello there');
    const extra = data as unknown as { provider: string; choices: Array<{ native_finish_reason: string }> };
    expect(extra.provider).toBe('mock');
    expect(data.model).toBe('mock/echo');
    expect(extra.choices[0]?.native_finish_reason).toBe('stop');
    const generationId = response.headers.get('x-signalbox-generation-id');
    expect(generationId).toMatch(/^gen_/);
    expectDirectMock(gatewayOf(data.choices[0]?.message), generationId);
    expect(response.headers.get('x-signalbox-provider')).toBe('mock');
    expect(response.headers.get('x-signalbox-model')).toBe('mock/echo');
    expect(response.headers.get('x-signalbox-attempts')).toBe('1');
  });

  it('OpenAI SDK: a stream ends with delta.provider_metadata and a top-level generationId', async () => {
    const { data: stream, response } = await openai.chat.completions
      .create({
        model: 'mock/echo',
        messages: [{ role: 'user', content: 'one two three' }],
        stream: true,
        stream_options: { include_usage: true },
      })
      .withResponse();
    expect(response.headers.get('x-signalbox-provider')).toBe('mock');
    const generationId = response.headers.get('x-signalbox-generation-id');
    const text: string[] = [];
    let finalChunk: OpenAI.ChatCompletionChunk | undefined;
    let usage: OpenAI.CompletionUsage | null | undefined;
    for await (const chunk of stream) {
      if (chunk.usage) usage = chunk.usage;
      const choice = chunk.choices[0];
      if (choice?.delta.content) text.push(choice.delta.content);
      if (choice?.finish_reason) finalChunk = chunk;
    }
    expect(text.join('')).toBe('echo: one two three');
    expect(usage?.completion_tokens).toBe(4);
    expect((usage as unknown as { is_byok: boolean }).is_byok).toBe(false);
    expect((finalChunk as unknown as { generationId: string }).generationId).toBe(generationId);
    expectDirectMock(gatewayOf(finalChunk?.choices[0]?.delta), generationId);
  });

  it("OpenAI SDK: the stream helper's final completion keeps provider_metadata", async () => {
    const stream = openai.chat.completions.stream({
      model: 'mock/echo',
      messages: [{ role: 'user', content: 'assemble me' }],
    });
    const final = await stream.finalChatCompletion();
    expect(final.choices[0]?.message.content).toBe('echo: assemble me');
    expect(gatewayOf(final.choices[0]?.message).routing.finalProvider).toBe('mock');
  });

  it('Anthropic SDK: a plain message parses and carries provider_metadata.gateway', async () => {
    const { data, response } = await anthropic.messages
      .create({ model: 'mock/echo', max_tokens: 100, messages: [{ role: 'user', content: 'Hello there' }] })
      .withResponse();
    expect(data.content).toEqual([{ type: 'text', text: 'echo: Hello there' }]);
    expect(data.stop_reason).toBe('end_turn');
    expect((data as unknown as { provider: string }).provider).toBe('mock');
    const generationId = response.headers.get('x-signalbox-generation-id');
    expectDirectMock(gatewayOf(data), generationId);
    expect(response.headers.get('x-signalbox-attempts')).toBe('1');
  });

  it('Anthropic SDK: a stream assembles, and its message_delta carries the gateway object', async () => {
    const stream = anthropic.messages.stream({
      model: 'mock/echo',
      max_tokens: 100,
      messages: [{ role: 'user', content: 'one two three' }],
    });
    let messageDelta: unknown;
    stream.on('streamEvent', (event) => {
      if (event.type === 'message_delta') messageDelta = event;
    });
    const { response } = await stream.withResponse();
    expect(response.headers.get('x-signalbox-provider')).toBe('mock');
    const message = await stream.finalMessage();
    expect(message.content).toEqual([{ type: 'text', text: 'echo: one two three' }]);
    expect(message.stop_reason).toBe('end_turn');
    expect(message.usage.output_tokens).toBe(4);
    expectDirectMock(gatewayOf(messageDelta), response.headers.get('x-signalbox-generation-id'));
    expect((messageDelta as { provider?: string }).provider).toBe('mock');
  });
});
