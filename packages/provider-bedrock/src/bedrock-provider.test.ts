import { type ChatRequest, GatewayError, type ProviderCall } from '@signalbox/core';
import { collectStream, streamProblems, textOf, weatherTool } from '@signalbox/testing';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { bedrockRuntimeURL, createBedrock } from './bedrock-provider.js';
import { FAKE_BEDROCK_CREDENTIALS, startFakeBedrock } from './fake-bedrock.js';

const upstream = await startFakeBedrock({ apiKey: 'bedrock-api-key-test' });
const model = 'anthropic.claude-3-5-haiku-20241022-v1:0';
const bedrock = createBedrock({
  region: 'us-east-1',
  credentials: FAKE_BEDROCK_CREDENTIALS,
  baseURL: upstream.url,
});

afterAll(async () => {
  await bedrock.close();
  await upstream.close();
});
beforeEach(() => upstream.reset());

function call(
  request: Partial<ChatRequest> = {},
  modelId = model,
  extra: Partial<ProviderCall> = {},
): ProviderCall {
  return {
    modelId,
    signal: new AbortController().signal,
    request: {
      model: `bedrock/${modelId}`,
      stream: false,
      messages: [{ role: 'user', content: [{ type: 'text', text: 'Hello Bedrock' }] }],
      ...request,
    },
    ...extra,
  };
}

async function rejection(promise: Promise<unknown>): Promise<GatewayError> {
  const error = await promise.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  if (!GatewayError.isInstance(error)) throw new Error(`expected a GatewayError, got ${String(error)}`);
  return error;
}

describe('createBedrock', () => {
  it('defaults the endpoint to the region', () => {
    const adapter = createBedrock({ region: 'eu-central-1', credentials: FAKE_BEDROCK_CREDENTIALS });
    expect([adapter.name, adapter.baseURL, adapter.region]).toEqual([
      'bedrock',
      bedrockRuntimeURL('eu-central-1'),
      'eu-central-1',
    ]);
    expect(adapter.baseURL).toBe('https://bedrock-runtime.eu-central-1.amazonaws.com');
  });

  it('POSTs a SigV4-signed Converse request to /model/{encoded id}/converse', async () => {
    const result = await bedrock.generate(call({ maxOutputTokens: 50 }));
    expect(textOf(result.content)).toBe('echo: Hello Bedrock');
    expect(result.finishReason).toEqual({ unified: 'stop', raw: 'end_turn' });
    expect(result.response.requestId).toMatch(/^00000000-fake-4bed/);
    const sent = upstream.requests[0];
    expect(sent?.path).toBe('/model/anthropic.claude-3-5-haiku-20241022-v1%3A0/converse');
    expect(sent?.headers.authorization).toMatch(
      /^AWS4-HMAC-SHA256 Credential=AKIAFAKEBEDROCK00001\/\d{8}\/us-east-1\/bedrock\/aws4_request/,
    );
    expect(sent?.body).toEqual({
      messages: [{ role: 'user', content: [{ text: 'Hello Bedrock' }] }],
      inferenceConfig: { maxTokens: 50 },
    });
  });

  it('streams over ConverseStream', async () => {
    const result = await bedrock.stream(call({ stream: true }));
    const parts = await collectStream(result.stream);
    expect(streamProblems(parts)).toEqual([]);
    expect(textOf(parts)).toBe('echo: Hello Bedrock');
    expect(upstream.requests[0]?.path).toBe(
      '/model/anthropic.claude-3-5-haiku-20241022-v1%3A0/converse-stream',
    );
    expect(upstream.requests[0]?.headers.accept).toBe('application/vnd.amazon.eventstream');
    expect(parts.find((part) => part.type === 'response-metadata')).toMatchObject({
      modelId: model,
      requestId: expect.any(String),
    });
  });

  it('signs with temporary credentials from a provider, asked for every request', async () => {
    const temporary = { ...FAKE_BEDROCK_CREDENTIALS, sessionToken: 'session-token-1' };
    const fake = await startFakeBedrock({ credentials: temporary, region: 'eu-west-1' });
    let asked = 0;
    const adapter = createBedrock({
      region: 'eu-west-1',
      baseURL: fake.url,
      credentials: async () => {
        asked += 1;
        return temporary;
      },
    });
    await adapter.generate(call());
    await adapter.generate(call());
    expect(asked).toBe(2);
    expect(fake.requests[0]?.headers['x-amz-security-token']).toBe('session-token-1');
    await adapter.close();
    await fake.close();
  });

  it('a rejected signature is a 502 upstream_authentication_failed', async () => {
    const adapter = createBedrock({
      region: 'us-east-1',
      baseURL: upstream.url,
      credentials: { ...FAKE_BEDROCK_CREDENTIALS, secretAccessKey: 'wrong-secret' },
    });
    const error = await rejection(adapter.generate(call()));
    expect([error.status, error.code, error.isRetryable]).toEqual([
      502,
      'upstream_authentication_failed',
      false,
    ]);
    const wrongRegion = createBedrock({
      region: 'us-west-2',
      baseURL: upstream.url,
      credentials: FAKE_BEDROCK_CREDENTIALS,
    });
    expect((await rejection(wrongRegion.stream(call({ stream: true })))).code).toBe(
      'upstream_authentication_failed',
    );
    await adapter.close();
    await wrongRegion.close();
  });

  it('credentials that cannot be loaded are a 502 before any request', async () => {
    const adapter = createBedrock({
      region: 'us-east-1',
      baseURL: upstream.url,
      credentials: async () => {
        throw new Error('Could not load credentials from any providers');
      },
    });
    const error = await rejection(adapter.generate(call()));
    expect([error.status, error.code]).toEqual([502, 'upstream_authentication_failed']);
    expect(upstream.requests).toHaveLength(0);
    await adapter.close();
  });

  it('sends a Bedrock API key, or a call’s own key, as a bearer token', async () => {
    const adapter = createBedrock({
      region: 'us-east-1',
      baseURL: upstream.url,
      apiKey: 'bedrock-api-key-test',
    });
    await adapter.generate(call());
    expect(upstream.requests[0]?.headers.authorization).toBe('Bearer bedrock-api-key-test');
    await bedrock.generate(call({}, model, { apiKey: 'bedrock-api-key-test' }));
    expect(upstream.requests[1]?.headers.authorization).toBe('Bearer bedrock-api-key-test');
    const byok = await rejection(bedrock.generate(call({}, model, { apiKey: 'someone-elses-key' })));
    expect([byok.status, byok.code]).toEqual([502, 'upstream_authentication_failed']);
    expect(byok.message).toContain('bring your own key');
    await adapter.close();
  });

  it('answers a tool call and then the tool result', async () => {
    const ask = {
      messages: [{ role: 'user' as const, content: [{ type: 'text' as const, text: 'Weather in Paris?' }] }],
      tools: [weatherTool],
    };
    const first = await bedrock.generate(call(ask));
    const toolCall = first.content.find((part) => part.type === 'tool-call');
    expect(toolCall).toMatchObject({ toolName: 'get_weather', input: '{"city":"Paris"}' });
    expect(first.finishReason.unified).toBe('tool-calls');
    if (toolCall?.type !== 'tool-call') throw new Error('no tool call');
    const second = await bedrock.generate(
      call({
        tools: [weatherTool],
        messages: [
          ...ask.messages,
          { role: 'assistant', content: [toolCall] },
          {
            role: 'tool',
            content: [{ type: 'tool-result', toolCallId: toolCall.toolCallId, output: 'Sunny, 21 C' }],
          },
        ],
      }),
    );
    expect(textOf(second.content)).toBe('tool said: Sunny, 21 C');
  });

  it('thinking: signed reasoning comes back and is accepted on the next turn', async () => {
    const first = await bedrock.generate(call({ reasoning: { budgetTokens: 1024 }, maxOutputTokens: 3000 }));
    const reasoning = first.content.find((part) => part.type === 'reasoning');
    expect(reasoning).toMatchObject({ type: 'reasoning', signature: expect.any(String) });
    expect(upstream.requests[0]?.body).toMatchObject({
      additionalModelRequestFields: { thinking: { type: 'enabled', budget_tokens: 1024 } },
    });
    const second = await bedrock.generate(
      call({
        reasoning: { budgetTokens: 1024 },
        messages: [
          { role: 'user', content: [{ type: 'text', text: 'Hello Bedrock' }] },
          { role: 'assistant', content: first.content.filter((part) => part.type !== 'refusal') },
          { role: 'user', content: [{ type: 'text', text: 'And again' }] },
        ],
      }),
    );
    expect(textOf(second.content)).toBe('echo: And again');
  });

  it('cache points: a cache write, then a cache read of the same prefix', async () => {
    const marked = {
      messages: [
        {
          role: 'user' as const,
          content: [
            {
              type: 'text' as const,
              text: 'A long shared document. '.repeat(40),
              providerOptions: { anthropic: { cache_control: { type: 'ephemeral' } } },
            },
            { type: 'text' as const, text: 'Question one' },
          ],
        },
      ],
    };
    const first = await bedrock.generate(call(marked));
    const second = await bedrock.generate(call(marked));
    expect(first.usage.inputTokens.cacheWrite).toBeGreaterThan(0);
    expect(first.usage.inputTokens.cacheRead).toBe(0);
    expect(second.usage.inputTokens.cacheRead).toBe(first.usage.inputTokens.cacheWrite);
    expect(second.usage.inputTokens.total).toBe(first.usage.inputTokens.total);
  });

  it('a guardrail intervention is finish reason content-filter, plain and streamed', async () => {
    const request = {
      messages: [
        { role: 'user' as const, content: [{ type: 'text' as const, text: 'trigger-guardrail please' }] },
      ],
    };
    expect((await bedrock.generate(call(request))).finishReason).toEqual({
      unified: 'content-filter',
      raw: 'guardrail_intervened',
    });
    const parts = await collectStream((await bedrock.stream(call({ ...request, stream: true }))).stream);
    const finish = parts.at(-1);
    expect(finish?.type === 'finish' && finish.finishReason.unified).toBe('content-filter');
  });

  it('an exception event mid-stream is an error part', async () => {
    const request = {
      stream: true,
      messages: [
        {
          role: 'user' as const,
          content: [{ type: 'text' as const, text: 'trigger-exception-throttlingException' }],
        },
      ],
    };
    const parts = await collectStream((await bedrock.stream(call(request))).stream);
    expect(streamProblems(parts, { allowError: true })).toEqual([]);
    const last = parts.at(-1);
    expect(
      last?.type === 'error' &&
        GatewayError.isInstance(last.error) && [last.error.status, last.error.isRetryable],
    ).toEqual([429, true]);
  });

  it('a ValidationException is a 400 with Bedrock’s message', async () => {
    const error = await rejection(
      bedrock.generate(
        call({ messages: [{ role: 'assistant', content: [{ type: 'text', text: 'I speak first' }] }] }),
      ),
    );
    expect([error.status, error.code, error.isRetryable]).toEqual([400, 'ValidationException', false]);
    expect(error.message).toBe(
      'A conversation must start with a user message. Try again with a conversation that starts with a user message.',
    );
  });

  it('a 2xx body that is not a Converse answer is a retryable 502; bad JSON too', async () => {
    const error = await rejection(bedrock.generate(call({}, `${model}:bad-json`)));
    expect([error.status, error.isRetryable]).toEqual([502, true]);
  });

  it('a malformed event stream frame is an error part', async () => {
    const parts = await collectStream(
      (await bedrock.stream(call({ stream: true }, `${model}:bad-json`))).stream,
    );
    expect(parts.at(-1)?.type).toBe('error');
  });

  it('a truncated stream (no messageStop) is an error part', async () => {
    const parts = await collectStream(
      (await bedrock.stream(call({ stream: true }, `${model}:truncate`))).stream,
    );
    const last = parts.at(-1);
    expect(last?.type === 'error' && GatewayError.isInstance(last.error) && last.error.message).toMatch(
      /before messageStop/,
    );
  });

  it('lists the configured models', async () => {
    const adapter = createBedrock({
      region: 'us-east-1',
      credentials: FAKE_BEDROCK_CREDENTIALS,
      listModels: [model],
    });
    expect(await adapter.listModels?.({ signal: new AbortController().signal })).toEqual([
      { id: model, ownedBy: 'bedrock' },
    ]);
    expect(bedrock.listModels).toBeUndefined();
  });

  it('complete streams are read to the end (no upstream aborts)', async () => {
    for (let index = 0; index < 3; index += 1)
      await collectStream((await bedrock.stream(call({ stream: true }))).stream);
    await bedrock.generate(call());
    expect(upstream.counters.aborted).toBe(0);
  });
});
