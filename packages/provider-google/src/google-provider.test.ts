import type { ChatRequest, GenerateResult, ProviderCall } from '@signalbox/core';
import { collectStream, streamProblems, weatherTool } from '@signalbox/testing';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type FakeGoogle, startFakeGoogle } from './fake-google.js';
import { createGoogle, type GoogleProvider } from './google-provider.js';

let fake: FakeGoogle;
let google: GoogleProvider;

beforeAll(async () => {
  fake = await startFakeGoogle({ apiKey: 'gemini-key' });
  google = createGoogle({ apiKey: 'gemini-key', baseURL: fake.geminiBaseURL, headers: { 'x-app': 'demo' } });
});
afterAll(async () => {
  await google.close();
  await fake.close();
});
beforeEach(() => fake.reset());

function call(
  modelId: string,
  request: Partial<ChatRequest> = {},
  extra: Partial<ProviderCall> = {},
): ProviderCall {
  return {
    modelId,
    signal: new AbortController().signal,
    request: {
      model: `google/${modelId}`,
      messages: [{ role: 'user', content: [{ type: 'text', text: 'Hello there' }] }],
      stream: false,
      ...request,
    },
    ...extra,
  };
}

const lastRequest = () => fake.requests.at(-1);

describe('createGoogle', () => {
  it('posts generateContent with the API key, the configured and forwarded headers', async () => {
    const result = await google.generate(
      call('gemini-2.5-flash', {}, { headers: { 'x-trace': 't1', authorization: 'Bearer client-key' } }),
    );
    expect(result.content).toEqual([{ type: 'text', text: 'echo: Hello there' }]);
    expect(result.response).toMatchObject({ id: 'fakeResp000001', modelId: 'gemini-2.5-flash' });
    const request = lastRequest();
    expect(request?.path).toBe('/v1beta/models/gemini-2.5-flash:generateContent');
    expect(request?.headers).toMatchObject({
      'x-goog-api-key': 'gemini-key',
      'x-app': 'demo',
      'x-trace': 't1',
    });
    expect(request?.headers.authorization).toBeUndefined();
    expect(request?.body).toEqual({ contents: [{ role: 'user', parts: [{ text: 'Hello there' }] }] });
  });

  it('streams from streamGenerateContent?alt=sse', async () => {
    const { stream, response } = await google.stream(call('gemini-2.5-flash', { stream: true }));
    expect(response?.headers?.['content-type']).toContain('text/event-stream');
    const parts = await collectStream(stream);
    expect(streamProblems(parts)).toEqual([]);
    expect(lastRequest()?.path).toBe('/v1beta/models/gemini-2.5-flash:streamGenerateContent?alt=sse');
    expect(lastRequest()?.headers.accept).toBe('text/event-stream');
  });

  it("uses the call's own key (bring your own key), and words its rejection so", async () => {
    await google.generate(call('gemini-2.5-flash', {}, { apiKey: 'gemini-key' }));
    expect(lastRequest()?.headers['x-goog-api-key']).toBe('gemini-key');
    const error = await google
      .generate(call('gemini-2.5-flash', {}, { apiKey: 'someone-else' }))
      .catch((e) => e);
    expect(error).toMatchObject({ status: 502, code: 'upstream_authentication_failed', upstreamStatus: 400 });
    expect(error.message).toMatch(/bring your own key/);
  });

  it('a wrong operator key is a 502, not the client’s 400', async () => {
    const wrong = createGoogle({ apiKey: 'wrong', baseURL: fake.geminiBaseURL });
    const error = await wrong.generate(call('gemini-2.5-flash')).catch((e) => e);
    expect(error).toMatchObject({ status: 502, code: 'upstream_authentication_failed', isRetryable: false });
    const keyless = createGoogle({ baseURL: fake.geminiBaseURL, listModels: false });
    expect(await keyless.generate(call('gemini-2.5-flash')).catch((e) => e)).toMatchObject({
      upstreamStatus: 403,
    });
    await Promise.all([wrong.close(), keyless.close()]);
  });

  it("a 400 keeps Gemini's message, naming the field", async () => {
    const error = await google.generate(call('gemini-2.5-flash', { temperature: 5 })).catch((e) => e);
    expect(error).toMatchObject({ status: 400, code: 'INVALID_ARGUMENT', isRetryable: false });
    expect(error.message).toContain('generation_config.temperature');
  });

  it('runs a tool round trip, plain and streamed, with a synthesised call id', async () => {
    const ask = {
      messages: [{ role: 'user' as const, content: [{ type: 'text' as const, text: 'Weather in Paris?' }] }],
      tools: [weatherTool],
    };
    const first = await google.generate(call('gemini-2.5-flash', ask));
    const toolCall = first.content.find((part) => part.type === 'tool-call');
    expect(toolCall).toEqual({
      type: 'tool-call',
      toolCallId: 'call_0',
      toolName: 'get_weather',
      input: '{"city":"Paris"}',
    });
    expect(first.warnings).toEqual([expect.objectContaining({ feature: 'tools[get_weather].inputSchema' })]);
    const history: Partial<ChatRequest> = {
      ...ask,
      messages: [
        ...ask.messages,
        { role: 'assistant', content: first.content.filter((part) => part.type === 'tool-call') },
        { role: 'tool', content: [{ type: 'tool-result', toolCallId: 'call_0', output: 'Sunny, 21 C' }] },
      ],
    };
    const second = await google.generate(call('gemini-2.5-flash', history));
    expect(second.content).toEqual([{ type: 'text', text: 'tool said: Sunny, 21 C' }]);
    const streamed = await collectStream(
      (await google.stream(call('gemini-2.5-flash', { ...history, stream: true }))).stream,
    );
    expect(
      streamed
        .filter((part) => part.type === 'text-delta')
        .map((part) => part.delta)
        .join(''),
    ).toBe('tool said: Sunny, 21 C');
  });

  it('Gemini 3: signatures go back with the calls; a lost one is replaced by the skip signature', async () => {
    const ask = {
      messages: [{ role: 'user' as const, content: [{ type: 'text' as const, text: 'Weather in Paris?' }] }],
      tools: [weatherTool],
    };
    const first: GenerateResult = await google.generate(call('gemini-3-pro-preview', ask));
    const toolCall = first.content.find((part) => part.type === 'tool-call');
    expect(toolCall?.providerOptions?.google?.thoughtSignature).toEqual(expect.any(String));
    const followUp = (assistant: NonNullable<typeof toolCall>) =>
      google.generate(
        call('gemini-3-pro-preview', {
          ...ask,
          messages: [
            ...ask.messages,
            { role: 'assistant', content: [assistant] },
            {
              role: 'tool',
              content: [{ type: 'tool-result', toolCallId: assistant.toolCallId, output: 'sunny' }],
            },
          ],
        }),
      );
    if (!toolCall) throw new Error('no tool call');
    expect(
      (await followUp(toolCall)).warnings.map((warning) => ('feature' in warning ? warning.feature : '')),
    ).not.toContain('thoughtSignature');
    // The same call as an OpenAI client sends it back: no provider options.
    const { providerOptions: _dropped, ...bare } = toolCall;
    const replayed = await followUp(bare);
    expect(replayed.content).toEqual([{ type: 'text', text: 'tool said: sunny' }]);
    expect(replayed.warnings).toContainEqual(expect.objectContaining({ feature: 'thoughtSignature' }));
  });

  it('shows thought summaries as reasoning when reasoning is asked for', async () => {
    const result = await google.generate(call('gemini-2.5-flash', { reasoning: { budgetTokens: 1024 } }));
    expect(result.content[0]).toMatchObject({ type: 'reasoning' });
    expect(result.usage.outputTokens.reasoning).toBeGreaterThan(0);
    const streamed = await collectStream(
      (await google.stream(call('gemini-2.5-flash', { stream: true, reasoning: { budgetTokens: 1024 } })))
        .stream,
    );
    expect(streamed.map((part) => part.type)).toContain('reasoning-delta');
  });

  it('sends images inline and by URL', async () => {
    const png =
      'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==';
    const result = await google.generate(
      call('gemini-2.5-flash', {
        messages: [
          {
            role: 'user',
            content: [
              { type: 'text', text: 'Describe' },
              { type: 'image', source: { type: 'base64', data: png }, mediaType: 'image/png' },
              { type: 'image', source: { type: 'url', url: 'https://example.com/cat.png' } },
            ],
          },
        ],
      }),
    );
    expect(result.content).toEqual([{ type: 'text', text: 'echo: Describe [2 images]' }]);
  });

  it('counts tokens', async () => {
    expect(await google.countTokens(call('gemini-2.5-flash'))).toEqual({ inputTokens: expect.any(Number) });
    expect(lastRequest()?.path).toBe('/v1beta/models/gemini-2.5-flash:countTokens');
    expect(lastRequest()?.body).toMatchObject({
      generateContentRequest: { model: 'models/gemini-2.5-flash' },
    });
  });

  it('lists the upstream models, or the configured ones', async () => {
    const models = await google.listModels?.({ signal: new AbortController().signal });
    expect(models?.map((model) => model.id)).toContain('gemini-2.5-flash');
    expect(models?.map((model) => model.id)).not.toContain('text-embedding-004');
    const listed = createGoogle({ apiKey: 'k', listModels: ['gemini-2.5-pro'] });
    expect(await listed.listModels?.({ signal: new AbortController().signal })).toEqual([
      { id: 'gemini-2.5-pro', ownedBy: 'google' },
    ]);
    expect(createGoogle({ listModels: false }).listModels).toBeUndefined();
    await listed.close();
  });

  it('maps upstream failures: bad JSON, a reset, a truncated stream, a dropped stream', async () => {
    expect(await google.generate(call('gemini-2.5-flash:bad-json')).catch((e) => e)).toMatchObject({
      status: 502,
      isRetryable: true,
    });
    expect(await google.generate(call('gemini-2.5-flash:reset')).catch((e) => e)).toMatchObject({
      status: 502,
      code: 'upstream_connection_error',
      isRetryable: true,
    });
    for (const fault of ['truncate', 'bad-json', 'drop-1']) {
      const { stream } = await google.stream(call(`gemini-2.5-flash:${fault}`, { stream: true }));
      const parts = await collectStream(stream);
      expect(parts.at(-1)).toMatchObject({ type: 'error', error: { isRetryable: true } });
      expect(streamProblems(parts, { allowError: true })).toEqual([]);
    }
  });

  it('rejects a tool result for an unknown call with a 400, before calling Gemini', async () => {
    const before = fake.counters.requests;
    const error = await google
      .generate(
        call('gemini-2.5-flash', {
          messages: [{ role: 'tool', content: [{ type: 'tool-result', toolCallId: 'x', output: 'y' }] }],
        }),
      )
      .catch((e) => e);
    expect(error).toMatchObject({ status: 400, code: 'invalid_tool_result' });
    expect(fake.counters.requests).toBe(before);
  });
});
