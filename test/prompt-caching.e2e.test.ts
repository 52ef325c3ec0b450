import Anthropic from '@anthropic-ai/sdk';
import { type FakeUpstream, startFakeAnthropic } from '@signalbox/testing';
import OpenAI from 'openai';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { FRAMEWORKS, startExample, TEST_KEY } from './helpers/start.js';

const SYSTEM = 'You are the support assistant of a hardware shop. Answer briefly and politely. '.repeat(40);
const MODEL = 'anthropic/claude-haiku-4-5';

describe.each(FRAMEWORKS)('provider prompt caching through the example gateway on %s', (framework) => {
  let upstream: FakeUpstream;
  let gateway: Awaited<ReturnType<typeof startExample>>;
  let openai: OpenAI;
  let anthropic: Anthropic;

  beforeAll(async () => {
    upstream = await startFakeAnthropic();
    gateway = await startExample(framework, {
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
  beforeEach(() => upstream.reset());

  it("OpenAI SDK, providerOptions.gateway.caching: 'auto': the second request reads the cache (plain and streamed)", async () => {
    const request = {
      model: MODEL,
      messages: [
        { role: 'system' as const, content: SYSTEM },
        { role: 'user' as const, content: 'Do you sell hammers?' },
      ],
      providerOptions: { gateway: { caching: 'auto' } },
    } as OpenAI.ChatCompletionCreateParamsNonStreaming;
    const first = await openai.chat.completions.create(request);
    expect(first.usage?.prompt_tokens_details?.cached_tokens ?? 0).toBe(0);
    expect(
      (first.usage?.prompt_tokens_details as { cache_write_tokens?: number } | undefined)?.cache_write_tokens,
    ).toBeGreaterThan(0);
    const second = await openai.chat.completions.create(request);
    expect(second.usage?.prompt_tokens_details?.cached_tokens).toBeGreaterThan(0);

    const stream = await openai.chat.completions.create({
      ...request,
      stream: true,
      stream_options: { include_usage: true },
    });
    let usage: OpenAI.CompletionUsage | undefined;
    for await (const chunk of stream) if (chunk.usage) usage = chunk.usage;
    expect(usage?.prompt_tokens_details?.cached_tokens).toBeGreaterThan(0);
  });

  it('Anthropic SDK, x-signalbox-prompt-caching: auto: cache_read_input_tokens on the second request (plain and streamed)', async () => {
    const request = {
      model: MODEL,
      max_tokens: 64,
      system: SYSTEM,
      messages: [{ role: 'user' as const, content: 'Do you sell nails?' }],
    };
    const headers = { 'x-signalbox-prompt-caching': 'auto' };
    const first = await anthropic.messages.create(request, { headers });
    expect(first.usage.cache_creation_input_tokens).toBeGreaterThan(0);
    expect(first.usage.cache_read_input_tokens ?? 0).toBe(0);
    const second = await anthropic.messages.create(request, { headers });
    expect(second.usage.cache_read_input_tokens).toBeGreaterThan(0);
    const streamed = await anthropic.messages.stream(request, { headers }).finalMessage();
    expect(streamed.usage.cache_read_input_tokens).toBeGreaterThan(0);
    const sent = upstream.requests.at(-1)?.body as { system: Array<{ cache_control?: unknown }> };
    expect(sent.system.at(-1)?.cache_control).toEqual({ type: 'ephemeral' });
  });

  it('without the option nothing is marked and nothing is read', async () => {
    const request = {
      model: MODEL,
      max_tokens: 64,
      system: SYSTEM,
      messages: [{ role: 'user' as const, content: 'Do you sell saws?' }],
    };
    await anthropic.messages.create(request);
    const second = await anthropic.messages.create(request);
    expect(second.usage.cache_read_input_tokens ?? 0).toBe(0);
  });
});
