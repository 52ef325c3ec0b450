import {
  createGateway,
  defineMiddleware,
  type GatewayContext,
  type StreamPart,
  type Usage,
} from '@signalbox/core';
import { createMockProvider } from '@signalbox/provider-mock';
import { describe, expect, it } from 'vitest';
import { metadata } from './metadata.js';
import {
  anthropicBody,
  chunks,
  eventOf,
  firstChoice,
  firstChoiceOrEmpty,
  framesOf,
  gatewayWith,
  jsonOf,
  openaiBody,
  post,
  record,
} from './test-support.js';

/** The gateway object of a direct call to mock/echo with the fixed clock. */
const directGateway = {
  routing: {
    originalModelId: 'mock/echo',
    resolvedProvider: 'mock',
    resolvedProviderApiModelId: 'echo',
    fallbacksAvailable: [],
    planningReasoning: 'Direct: mock/echo',
    canonicalSlug: 'mock/echo',
    finalProvider: 'mock',
    modelAttemptCount: 1,
    modelAttempts: [
      {
        modelId: 'mock:echo',
        canonicalSlug: 'mock/echo',
        success: true,
        providerAttemptCount: 1,
        providerAttempts: [
          {
            provider: 'mock',
            providerApiModelId: 'echo',
            credentialType: 'system',
            success: true,
            startTime: 1_000,
            endTime: 1_000,
            statusCode: 200,
            providerResponseId: expect.stringMatching(/^mock-\d+$/),
          },
        ],
      },
    ],
    totalProviderAttemptCount: 1,
  },
  generationId: 'gen_test',
};

const expectedHeaders = {
  'x-signalbox-generation-id': 'gen_test',
  'x-signalbox-provider': 'mock',
  'x-signalbox-model': 'mock/echo',
  'x-signalbox-attempts': '1',
};

describe('metadata() on /chat/completions', () => {
  const gateway = gatewayWith([metadata()]);

  it('adds both shapes to a plain response', async () => {
    const response = await post(gateway, '/chat/completions', openaiBody());
    expect(response.status).toBe(200);
    expect(response.headers).toMatchObject(expectedHeaders);
    expect(response.headers).not.toHaveProperty('x-signalbox-cache-status');
    const body = jsonOf(response);
    expect(body.provider).toBe('mock');
    expect(body.model).toBe('mock/echo');
    const choice = firstChoice(body);
    expect(choice.native_finish_reason).toBe('stop');
    const message = record(choice.message);
    expect(message.content).toBe('echo: hello there');
    expect(message.refusal).toBeNull();
    expect(message.provider_metadata).toEqual({ gateway: directGateway });
    expect(body.generationId).toBeUndefined();
    expect(record(body.usage)).toMatchObject({ is_byok: false, prompt_tokens: expect.any(Number) });
    expect(record(body.usage)).not.toHaveProperty('cost');
    expect(record(body.usage)).not.toHaveProperty('cost_details');
    expect(record(body.usage)).not.toHaveProperty('market_cost');
  });

  it('puts the gateway object in the final chunk of a stream', async () => {
    const response = await post(gateway, '/chat/completions', openaiBody(true));
    expect(response.headers).toMatchObject(expectedHeaders);
    const frames = await framesOf(response);
    expect(frames.at(-1)?.data).toBe('[DONE]');
    const all = chunks(frames);
    const finishIndex = all.findIndex((chunk) => firstChoiceOrEmpty(chunk).finish_reason);
    const finish = all[finishIndex] as Record<string, unknown>;
    const choice = firstChoice(finish);
    expect(choice.finish_reason).toBe('stop');
    expect(choice.native_finish_reason).toBe('stop');
    expect(record(choice.delta).provider_metadata).toEqual({ gateway: directGateway });
    expect(finish).toMatchObject({ generationId: 'gen_test', provider: 'mock', model: 'mock/echo' });
    for (const chunk of all.slice(0, finishIndex)) {
      expect(JSON.stringify(chunk)).not.toContain('provider_metadata');
      expect(chunk).not.toHaveProperty('generationId');
    }
    const usageChunk = all.at(-1) as Record<string, unknown>;
    expect(usageChunk.choices).toEqual([]);
    expect(record(usageChunk.usage)).toMatchObject({ is_byok: false, completion_tokens: 3 });
    expect(usageChunk).toMatchObject({ generationId: 'gen_test', provider: 'mock' });
  });
});

describe('metadata() on /messages', () => {
  const gateway = gatewayWith([metadata()]);

  it('adds provider_metadata.gateway and provider to a message', async () => {
    const response = await post(gateway, '/messages', anthropicBody());
    expect(response.status).toBe(200);
    expect(response.headers).toMatchObject(expectedHeaders);
    const body = jsonOf(response);
    expect(body).toMatchObject({ type: 'message', provider: 'mock', model: 'mock/echo' });
    expect(body.provider_metadata).toEqual({ gateway: directGateway });
    expect(record(body.usage)).toMatchObject({ is_byok: false, output_tokens: 3 });
  });

  it('puts it on the final message_delta event of a stream', async () => {
    const response = await post(gateway, '/messages', anthropicBody(true));
    expect(response.headers).toMatchObject(expectedHeaders);
    const frames = await framesOf(response);
    expect(frames.at(-1)?.event).toBe('message_stop');
    const delta = eventOf(frames, 'message_delta');
    expect(delta.provider_metadata).toEqual({ gateway: directGateway });
    expect(delta.provider).toBe('mock');
    expect(delta).not.toHaveProperty('model');
    expect(record(delta.usage)).toMatchObject({ is_byok: false, output_tokens: 3 });
    for (const frame of frames.filter((candidate) => candidate.event !== 'message_delta')) {
      expect(JSON.stringify(frame.data)).not.toContain('provider_metadata');
    }
  });
});

describe('styles per gateway and per request', () => {
  it('writes nothing into the body with x-signalbox-metadata: none, but keeps the headers', async () => {
    const gateway = gatewayWith([metadata()]);
    const response = await post(gateway, '/chat/completions', openaiBody(), {
      'x-signalbox-metadata': 'none',
    });
    const body = jsonOf(response);
    expect(body).not.toHaveProperty('provider');
    expect(firstChoice(body)).not.toHaveProperty('native_finish_reason');
    expect(record(firstChoice(body).message)).not.toHaveProperty('provider_metadata');
    expect(record(body.usage)).not.toHaveProperty('is_byok');
    expect(response.headers).toMatchObject(expectedHeaders);
  });

  it('writes only the OpenRouter shape on request', async () => {
    const gateway = gatewayWith([metadata()]);
    const body = jsonOf(
      await post(gateway, '/messages', anthropicBody(), { 'x-signalbox-metadata': 'openrouter' }),
    );
    expect(body.provider).toBe('mock');
    expect(body).not.toHaveProperty('provider_metadata');
  });

  it('lets a request turn on a shape the gateway left off, unless overrides are disallowed', async () => {
    const off = gatewayWith([metadata({ vercel: false })]);
    const plain = jsonOf(await post(off, '/chat/completions', openaiBody()));
    expect(record(firstChoice(plain).message)).not.toHaveProperty('provider_metadata');
    expect(plain.provider).toBe('mock');
    const asked = jsonOf(
      await post(off, '/chat/completions', openaiBody(), { 'x-signalbox-metadata': 'vercel' }),
    );
    expect(record(firstChoice(asked).message)).toHaveProperty('provider_metadata');
    expect(asked).not.toHaveProperty('provider');

    const fixedStyles = gatewayWith([metadata({ vercel: false, allowRequestOverride: false })]);
    const ignored = jsonOf(
      await post(fixedStyles, '/chat/completions', openaiBody(), { 'x-signalbox-metadata': 'vercel' }),
    );
    expect(record(firstChoice(ignored).message)).not.toHaveProperty('provider_metadata');
  });

  it('answers an unknown header value with a 400 in the endpoint shape', async () => {
    const gateway = gatewayWith([metadata()]);
    const openai = await post(gateway, '/chat/completions', openaiBody(), { 'x-signalbox-metadata': 'loud' });
    expect(openai.status).toBe(400);
    expect(jsonOf(openai)).toMatchObject({ error: { param: 'x-signalbox-metadata' } });
    const anthropic = await post(gateway, '/messages', anthropicBody(), { 'x-signalbox-metadata': 'loud' });
    expect(anthropic.status).toBe(400);
    expect(jsonOf(anthropic)).toMatchObject({ type: 'error', error: { type: 'invalid_request_error' } });
  });

  it('honours headerPrefix for the response headers and the request header', async () => {
    const gateway = gatewayWith([metadata({ headerPrefix: 'x-gw-' })]);
    const response = await post(gateway, '/chat/completions', openaiBody(), { 'x-gw-metadata': 'none' });
    expect(response.headers).toMatchObject({
      'x-gw-generation-id': 'gen_test',
      'x-gw-provider': 'mock',
      'x-gw-model': 'mock/echo',
      'x-gw-attempts': '1',
    });
    expect(jsonOf(response)).not.toHaveProperty('provider');
  });

  it('validates its options at construction', () => {
    expect(() => metadata({ headerPrefix: '' })).toThrow(TypeError);
    expect(metadata().name).toBe('metadata');
  });
});

const smallUsage: Usage = {
  inputTokens: { total: 1, noCache: 1, cacheRead: undefined, cacheWrite: undefined },
  outputTokens: { total: 1, text: 1, reasoning: undefined },
};

describe('other context states', () => {
  it('reports the cache status the cache middleware set', async () => {
    const markMiss = defineMiddleware('markMiss', async function markMiss(context: GatewayContext, next) {
      context.cacheStatus = 'MISS';
      await next();
    });
    const response = await post(gatewayWith([metadata(), markMiss]), '/chat/completions', openaiBody());
    expect(response.headers['x-signalbox-cache-status']).toBe('MISS');
  });

  it('reports the attempt count on an error response', async () => {
    const response = await post(gatewayWith([metadata()]), '/chat/completions', {
      ...openaiBody(),
      model: 'mock/echo:status-503',
    });
    expect(response.status).toBe(503);
    expect(response.headers['x-signalbox-attempts']).toBe('1');
    expect(response.headers).not.toHaveProperty('x-signalbox-provider');
  });

  it("keeps the codec's refusal and reasoning, and the provider's raw finish reason", async () => {
    const answer = defineMiddleware('answer', async function answer(context: GatewayContext) {
      context.result = {
        content: [
          { type: 'reasoning', text: 'thinking it over' },
          { type: 'refusal', text: 'I cannot help with that.' },
        ],
        finishReason: { unified: 'stop', raw: 'refusal' },
        usage: smallUsage,
        warnings: [],
        response: {},
      };
    });
    const body = jsonOf(await post(gatewayWith([metadata(), answer]), '/chat/completions', openaiBody()));
    const choice = firstChoice(body);
    expect(choice.native_finish_reason).toBe('refusal');
    expect(record(choice.message)).toMatchObject({
      content: null,
      refusal: 'I cannot help with that.',
      reasoning: 'thinking it over',
    });
    expect(body).not.toHaveProperty('provider');
    expect(body.model).toBe('mock/echo');
    expect(record(record(record(choice.message).provider_metadata).gateway).routing).toMatchObject({
      planningReasoning: 'Direct: mock/echo',
      modelAttemptCount: 0,
      totalProviderAttemptCount: 0,
    });
  });

  it("records a stream's raw finish reason", async () => {
    const answer = defineMiddleware('answer', async function answer(context: GatewayContext) {
      context.stream = (async function* parts(): AsyncGenerator<StreamPart> {
        yield { type: 'text-start', id: 't' };
        yield { type: 'text-delta', id: 't', delta: 'hi' };
        yield { type: 'text-end', id: 't' };
        yield {
          type: 'finish',
          finishReason: { unified: 'stop', raw: 'end_turn' },
          usage: smallUsage,
        };
      })();
    });
    const frames = await framesOf(
      await post(gatewayWith([metadata(), answer]), '/chat/completions', openaiBody(true)),
    );
    const finish = chunks(frames).find((chunk) => firstChoiceOrEmpty(chunk).finish_reason) as Record<
      string,
      unknown
    >;
    expect(firstChoice(finish).native_finish_reason).toBe('end_turn');
  });
});

describe('metadata: warnings', () => {
  it('reports what the provider could not honour in the gateway object, plain and streamed', async () => {
    const gateway = createGateway({ providers: [createMockProvider()], use: [metadata()] });
    const request = (stream: boolean) =>
      gateway.handle({
        method: 'POST',
        path: '/chat/completions',
        query: new URLSearchParams(),
        headers: { 'content-type': 'application/json' },
        body: { model: 'mock/echo', n: 2, stream, messages: [{ role: 'user', content: 'hi' }] },
        signal: new AbortController().signal,
      });
    const plain = await request(false);
    expect(plain.body).toMatchObject({
      value: {
        choices: [
          {
            message: {
              provider_metadata: { gateway: { warnings: [{ type: 'unsupported', feature: 'n' }] } },
            },
          },
        ],
      },
    });
    const streamed = await request(true);
    if (streamed.body.type !== 'sse') throw new Error('expected a stream');
    let text = '';
    for await (const frame of streamed.body.events) text += frame;
    expect(text).toContain('"warnings":[{"type":"unsupported","feature":"n"');
  });
});
