import { createGateway, type GatewayMiddleware, runAttempt } from '@signalbox/core';
import { createAnthropic } from '@signalbox/provider-anthropic';
import { type FakeUpstream, startFakeAnthropic } from '@signalbox/testing';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { promptCaching } from './prompt-caching.js';
import type { PromptCachingOptions } from './prompt-caching-options.js';
import { type Frame, framesOf, jsonOf, post, record } from './test-support.js';

const SYSTEM = 'You are the support assistant of a hardware shop. Answer briefly. '.repeat(40);
const MODEL = 'claude-haiku-4-5';

let upstreams: FakeUpstream[] = [];
beforeAll(async () => {
  upstreams = await Promise.all([startFakeAnthropic(), startFakeAnthropic()]);
});
afterAll(async () => {
  await Promise.all(upstreams.map((upstream) => upstream.close()));
});
beforeEach(() => {
  for (const upstream of upstreams) upstream.reset();
});

function providers(count: number) {
  return upstreams.slice(0, count).map((upstream, index) =>
    createAnthropic({
      name: count === 1 ? 'anthropic' : `anthropic-${index}`,
      apiKey: 'sk-ant-test',
      baseURL: upstream.url,
    }),
  );
}

/** Round-robin over the providers unless the request prefers one (stands in for @signalbox/routing). */
function alternatingRouter(names: string[]): GatewayMiddleware {
  let turn = 0;
  return async (context) => {
    const preferred = context.preferredProvider;
    const name =
      preferred !== undefined && names.includes(preferred)
        ? preferred
        : (names[turn++ % names.length] as string);
    const provider = context.providers.get(name);
    if (!provider) throw new Error(`no provider ${name}`);
    await runAttempt(context, { model: `${name}/${MODEL}`, provider, providerModelId: MODEL });
  };
}

const anthropicBody = (stream: boolean, model = `anthropic/${MODEL}`) => ({
  model,
  max_tokens: 64,
  system: SYSTEM,
  messages: [{ role: 'user', content: 'Do you sell hammers?' }],
  ...(stream && { stream: true }),
});
const openaiBody = (stream: boolean, model = `anthropic/${MODEL}`) => ({
  model,
  messages: [
    { role: 'system', content: SYSTEM },
    { role: 'user', content: 'Do you sell hammers?' },
  ],
  ...(stream && { stream: true, stream_options: { include_usage: true } }),
});

/** The usage of a response in its format: the message's, or the stream's last usage. */
async function usageOf(response: Awaited<ReturnType<typeof post>>): Promise<Record<string, unknown>> {
  expect(response.status).toBe(200);
  if (response.body.type === 'json') return record(jsonOf(response).usage);
  const frames: Frame[] = await framesOf(response);
  const withUsage = frames.filter(
    (frame) => typeof frame.data === 'object' && frame.data !== null && 'usage' in frame.data,
  );
  return record(record(withUsage.at(-1)?.data).usage);
}

const cacheRead = (usage: Record<string, unknown>) =>
  Number(usage.cache_read_input_tokens ?? record(usage.prompt_tokens_details ?? {}).cached_tokens ?? 0);
const cacheWrite = (usage: Record<string, unknown>) =>
  Number(
    usage.cache_creation_input_tokens ?? record(usage.prompt_tokens_details ?? {}).cache_write_tokens ?? 0,
  );

describe('promptCaching with the fake Anthropic upstream (createAnthropic)', () => {
  const cases = [
    ['/v1/messages', 'plain', anthropicBody(false)],
    ['/v1/messages', 'streamed', anthropicBody(true)],
    ['/v1/chat/completions', 'plain', openaiBody(false)],
    ['/v1/chat/completions', 'streamed', openaiBody(true)],
  ] as const;

  it.each(cases)('%s %s: the second identical request reads the prompt cache', async (path, _mode, body) => {
    const gateway = createGateway({ providers: providers(1), use: [promptCaching({ mode: 'auto' })] });
    const first = await usageOf(await post(gateway, path, body));
    expect(cacheWrite(first)).toBeGreaterThan(0);
    expect(cacheRead(first)).toBe(0);
    const second = await usageOf(await post(gateway, path, body));
    expect(cacheRead(second)).toBeGreaterThan(0);
    expect(cacheWrite(second)).toBe(0);
    const sent = upstreams[0]?.requests.at(-1)?.body as { system: Array<Record<string, unknown>> };
    expect(sent.system.at(-1)?.cache_control).toEqual({ type: 'ephemeral' });
  });

  it("per request, with providerOptions.gateway.caching: 'auto'", async () => {
    const gateway = createGateway({ providers: providers(1), use: [promptCaching()] });
    const body = { ...openaiBody(false), providerOptions: { gateway: { caching: 'auto' } } };
    await post(gateway, '/v1/chat/completions', body);
    expect(cacheRead(await usageOf(await post(gateway, '/v1/chat/completions', body)))).toBeGreaterThan(0);
    const off = createGateway({ providers: providers(1), use: [promptCaching()] });
    upstreams[0]?.reset();
    await post(off, '/v1/chat/completions', openaiBody(false));
    expect(cacheRead(await usageOf(await post(off, '/v1/chat/completions', openaiBody(false))))).toBe(0);
  });

  it('marks the last tool too (the Anthropic codec sends the marker on tools and system parts)', async () => {
    const gateway = createGateway({ providers: providers(1), use: [promptCaching({ mode: 'auto' })] });
    const tools = [
      {
        type: 'function',
        function: { name: 'stock', parameters: { type: 'object', properties: { item: { type: 'string' } } } },
      },
      {
        type: 'function',
        function: { name: 'price', parameters: { type: 'object', properties: { item: { type: 'string' } } } },
      },
    ];
    const body = { ...openaiBody(false), tools };
    await post(gateway, '/v1/chat/completions', body);
    const usage = await usageOf(await post(gateway, '/v1/chat/completions', body));
    const sent = upstreams[0]?.requests.at(-1)?.body as {
      tools: Array<Record<string, unknown>>;
      system: Array<Record<string, unknown>>;
    };
    expect(sent.tools.map((tool) => tool.cache_control)).toEqual([undefined, { type: 'ephemeral' }]);
    expect(sent.system.at(-1)?.cache_control).toEqual({ type: 'ephemeral' });
    expect(cacheRead(usage)).toBeGreaterThan(0);
  });

  it('multi-turn: the conversation breakpoint lets the next turn read the earlier turns', async () => {
    const gateway = createGateway({
      providers: providers(1),
      use: [promptCaching({ mode: 'auto', minPrefixTokens: 100 })],
    });
    const history = [
      { role: 'user', content: `Here is my order history: ${'hammer, nails, saw; '.repeat(60)}` },
      { role: 'assistant', content: 'Thanks, noted.' },
    ];
    const turn = (question: string) => ({
      ...anthropicBody(false),
      messages: [...history, { role: 'user', content: question }],
    });
    await post(gateway, '/v1/messages', turn('What did I buy?'));
    const usage = await usageOf(await post(gateway, '/v1/messages', turn('Anything else?')));
    const sent = upstreams[0]?.requests.at(-1)?.body as {
      messages: Array<{ content: Array<Record<string, unknown>> }>;
    };
    expect(sent.messages[1]?.content.at(-1)?.cache_control).toEqual({ type: 'ephemeral' });
    // The second turn differs in its last message only: tools/system/history are read from the cache.
    expect(cacheRead(usage)).toBeGreaterThan(500);
  });

  describe('cache-affine routing over two Anthropic providers', () => {
    const route = (options: PromptCachingOptions) =>
      createGateway({
        providers: providers(2),
        use: [promptCaching({ mode: 'auto', ...options }), alternatingRouter(['anthropic-0', 'anthropic-1'])],
      });

    it.each(cases)(
      '%s %s: the repeat goes to the provider holding the prefix and reads it',
      async (path, _mode, body) => {
        const gateway = route({});
        const shared = { ...body, model: `shared/${MODEL}` };
        await usageOf(await post(gateway, path, shared));
        const second = await usageOf(await post(gateway, path, shared));
        expect(cacheRead(second)).toBeGreaterThan(0);
        expect(upstreams.map((upstream) => upstream.counters.requests)).toEqual([2, 0]);
      },
    );

    it('without affinity the repeat lands on the other provider and writes the cache again', async () => {
      const gateway = route({ affinity: false });
      const shared = { ...anthropicBody(false), model: `shared/${MODEL}` };
      await usageOf(await post(gateway, '/v1/messages', shared));
      const second = await usageOf(await post(gateway, '/v1/messages', shared));
      expect(cacheRead(second)).toBe(0);
      expect(cacheWrite(second)).toBeGreaterThan(0);
      expect(upstreams.map((upstream) => upstream.counters.requests)).toEqual([1, 1]);
    });
  });
});
