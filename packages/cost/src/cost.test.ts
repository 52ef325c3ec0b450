import { createGateway, type Usage } from '@signalbox/core';
import { createMockProvider } from '@signalbox/provider-mock';
import { describe, expect, it } from 'vitest';
import { cost } from './cost.js';
import { MemoryLedgerStore } from './ledger-store.js';
import {
  anthropic,
  costProbe,
  eventOf,
  fixedUsageProvider,
  framesOf,
  helloCost,
  jsonOf,
  openai,
  post,
  quietLogger,
  record,
  setup,
  testPrincipal,
  usageChunk,
  who,
} from './test-support.js';

describe('cost(): the cost in responses', () => {
  it('OpenAI, plain: ctx.cost is set before the response is encoded, with both token vocabularies', async () => {
    const { gateway } = setup();
    const body = jsonOf(await post(gateway, '/v1/chat/completions', openai('Hello there'), who));
    expect(body.usage).toEqual({
      prompt_tokens: 3,
      completion_tokens: 3,
      total_tokens: 6,
      prompt_tokens_details: { cached_tokens: 0, cache_write_tokens: 0 },
      completion_tokens_details: { reasoning_tokens: 0 },
      cache_creation_input_tokens: 0,
      probe: helloCost,
    });
  });

  it('OpenAI, streamed: the usage chunk carries the cost', async () => {
    const { gateway } = setup();
    const response = await post(
      gateway,
      '/v1/chat/completions',
      openai('Hello there', { stream: true, stream_options: { include_usage: true } }),
      who,
    );
    const usage = usageChunk(await framesOf(response));
    expect(usage).toMatchObject({
      prompt_tokens: 3,
      completion_tokens: 3,
      prompt_tokens_details: { cached_tokens: 0, cache_write_tokens: 0 },
      completion_tokens_details: { reasoning_tokens: 0 },
      cache_creation_input_tokens: 0,
      probe: helloCost,
    });
  });

  it('OpenAI, streamed with the gateway option alwaysIncludeUsage: the usage chunk comes unasked', async () => {
    const { gateway } = setup({}, [], { alwaysIncludeUsage: true });
    const response = await post(
      gateway,
      '/v1/chat/completions',
      openai('Hello there', { stream: true }),
      who,
    );
    expect(usageChunk(await framesOf(response)).probe).toEqual(helloCost);
  });

  it('Anthropic, plain and streamed: usage and message_delta carry it', async () => {
    const { gateway } = setup();
    const message = jsonOf(await post(gateway, '/v1/messages', anthropic('Hello there'), who));
    expect(message.usage).toEqual({
      input_tokens: 3,
      output_tokens: 3,
      cache_creation_input_tokens: 0,
      cache_read_input_tokens: 0,
      prompt_tokens_details: { cached_tokens: 0, cache_write_tokens: 0 },
      completion_tokens_details: { reasoning_tokens: 0 },
      probe: helloCost,
    });
    const frames = await framesOf(
      await post(gateway, '/v1/messages', anthropic('Hello there', { stream: true }), who),
    );
    expect(record(eventOf(frames, 'message_delta').usage)).toMatchObject({
      output_tokens: 3,
      prompt_tokens_details: { cached_tokens: 0, cache_write_tokens: 0 },
      probe: helloCost,
    });
  });

  it('prices cache reads and 5-minute / 1-hour writes at their rates, the same plain and streamed', async () => {
    const usage: Usage = {
      inputTokens: { total: 1260, noCache: 10, cacheRead: 1000, cacheWrite: 250 },
      outputTokens: { total: 20, text: undefined, reasoning: undefined },
      raw: { cache_creation: { ephemeral_5m_input_tokens: 200, ephemeral_1h_input_tokens: 50 } },
    };
    const { gateway } = setup(
      {
        catalog: {
          prices: {
            'cached/*': {
              unit: 'million',
              input: 1,
              output: 5,
              cacheRead: '0.10',
              cacheWrite: '1.25',
              cacheWrite1h: 2,
            },
          },
        },
      },
      [],
      { providers: [fixedUsageProvider('cached', usage)] },
    );
    // 10 x $1 + 1000 x $0.10 + 200 x $1.25 + 50 x $2 = $460 per million in; 20 x $5 = $100 per million out.
    const expected = {
      total: '0.00056',
      market: '0.00056',
      inference: '0.00056',
      input: '0.00046',
      output: '0.0001',
      cacheRead: '0.0001',
      cacheWrite: '0.00035',
      isByok: false,
      estimated: false,
    };
    const plain = jsonOf(
      await post(gateway, '/v1/chat/completions', { ...openai('hi'), model: 'cached/model' }, who),
    );
    expect(plain.usage).toMatchObject({
      prompt_tokens: 1260,
      prompt_tokens_details: { cached_tokens: 1000, cache_write_tokens: 250 },
      cache_creation_input_tokens: 250,
      probe: expected,
    });
    const streamed = await post(
      gateway,
      '/v1/chat/completions',
      { ...openai('hi'), model: 'cached/model', stream: true, stream_options: { include_usage: true } },
      who,
    );
    expect(usageChunk(await framesOf(streamed)).probe).toEqual(expected);
    const frames = await framesOf(
      await post(gateway, '/v1/messages', { ...anthropic('hi'), model: 'cached/model', stream: true }, who),
    );
    expect(record(eventOf(frames, 'message_delta').usage)).toMatchObject({
      input_tokens: 10,
      cache_read_input_tokens: 1000,
      cache_creation_input_tokens: 250,
      probe: expected,
    });
  });

  it('BYOK: the market cost is shown, the charge follows the rule (default nothing)', async () => {
    const byok = testPrincipal({ providerKeys: { mock: 'sk-user-own' } });
    const ledger = new MemoryLedgerStore();
    const free = createGateway({
      providers: [createMockProvider()],
      use: [byok, cost({ ledger }), costProbe],
      logger: quietLogger,
    });
    const body = jsonOf(await post(free, '/chat/completions', openai('Hello there'), who));
    expect(record(body.usage).probe).toEqual({ ...helloCost, total: '0', isByok: true });
    const [entry] = await ledger.list();
    expect(entry).toMatchObject({
      isByok: true,
      cost: '0',
      marketCost: '0.000009',
      attempts: [{ isByok: true }],
    });

    const fee = createGateway({
      providers: [createMockProvider()],
      use: [byok, cost({ byokRule: { fraction: '0.05' } }), costProbe],
      logger: quietLogger,
    });
    const charged = jsonOf(await post(fee, '/chat/completions', openai('Hello there'), who));
    expect(record(record(charged.usage).probe)).toMatchObject({
      total: '0.00000045',
      market: '0.000009',
      isByok: true,
    });
  });

  it('leaves the cost out, never 0, for a model without a price', async () => {
    const { gateway, ledger } = setup();
    const body = jsonOf(
      await post(gateway, '/chat/completions', { ...openai('Hello there'), model: 'backup/echo' }, who),
    );
    expect(record(body.usage).probe).toBeUndefined();
    const [entry] = await ledger.list();
    expect(entry).toMatchObject({
      model: 'backup/echo',
      cost: null,
      marketCost: null,
      tokens: { prompt: 0 },
    });
  });
});
