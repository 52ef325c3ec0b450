import { type ChatRequest, createGateway, type GatewayContext } from '@signalbox/core';
import { createMockProvider } from '@signalbox/provider-mock';
import { describe, expect, it } from 'vitest';
import { cost } from './cost.js';
import { toDecimal } from './decimal.js';
import { candidateModels, worstCaseCost } from './estimate.js';
import { MemoryLedgerStore } from './ledger-store.js';
import { createPriceCatalog } from './price-catalog.js';
import { jsonOf, post, quietLogger, record, testPrincipal } from './test-support.js';

const estimateHeader = { 'x-signalbox-estimate': 'true', 'x-test-principal': 'key_1' };
const hello = { model: 'mock/echo', max_tokens: 50, messages: [{ role: 'user', content: 'Hello there' }] };

function within(value: string, range: { min: string; max: string }): boolean {
  return toDecimal(value).gte(toDecimal(range.min)) && toDecimal(value).lte(toDecimal(range.max));
}

describe('estimates (x-signalbox-estimate: true)', () => {
  it("uses the provider's token count, calls no model, and brackets the real cost", async () => {
    const mock = createMockProvider();
    const ledger = new MemoryLedgerStore();
    const gateway = createGateway({
      providers: [mock],
      use: [testPrincipal(), cost({ ledger })],
      logger: quietLogger,
    });
    const response = await post(gateway, '/chat/completions', hello, estimateHeader);
    expect(response.status).toBe(200);
    const estimate = jsonOf(response);
    expect(estimate).toEqual({
      object: 'signalbox.estimate',
      model: 'mock/echo',
      input_tokens: { min: 3, max: 3 },
      output_tokens: { min: 0, max: 50 },
      cost: { min: '0.000003', max: '0.000103' },
      market_cost: { min: '0.000003', max: '0.000103' },
      method: 'count_tokens',
      currency: 'USD',
    });
    expect(mock.calls).toHaveLength(0);
    expect(await ledger.list()).toHaveLength(0);

    const real = await post(gateway, '/messages', hello, { 'x-test-principal': 'key_1' });
    expect(real.status).toBe(200);
    const [entry] = await ledger.list();
    expect(entry?.cost).toBe('0.000009');
    expect(within(entry?.cost ?? '', estimate.cost as { min: string; max: string })).toBe(true);
  });

  it('approximates from characters when the provider cannot count, within the documented bounds', async () => {
    const plain = { ...createMockProvider({ name: 'plain' }), countTokens: undefined };
    const ledger = new MemoryLedgerStore();
    const gateway = createGateway({
      providers: [plain],
      use: [
        testPrincipal(),
        cost({ ledger, catalog: { prices: { 'plain/*': { unit: 'million', input: 1, output: 2 } } } }),
      ],
      logger: quietLogger,
    });
    const request = { ...hello, model: 'plain/echo' };
    const estimate = jsonOf(await post(gateway, '/chat/completions', request, estimateHeader));
    // 11 characters: at least 11/6 -> 2, at most 11/2 -> 6 + 4 per message + 3 = 13.
    expect(estimate).toMatchObject({
      method: 'approximation',
      input_tokens: { min: 2, max: 13 },
      cost: { min: '0.000002', max: '0.000113' },
    });
    await post(gateway, '/chat/completions', request, { 'x-test-principal': 'key_1' });
    const [entry] = await ledger.list();
    expect(entry?.tokens.prompt).toBe(3);
    expect(within(entry?.cost ?? '', estimate.cost as { min: string; max: string })).toBe(true);
  });

  it('shows BYOK charges apart from the market cost, and null cost for unpriced models', async () => {
    const gateway = createGateway({
      providers: [createMockProvider(), createMockProvider({ name: 'backup' })],
      use: [testPrincipal({ providerKeys: { mock: 'sk-own' } }), cost()],
      logger: quietLogger,
    });
    const byok = jsonOf(await post(gateway, '/chat/completions', hello, estimateHeader));
    expect(byok).toMatchObject({
      cost: { min: '0', max: '0' },
      market_cost: { min: '0.000003', max: '0.000103' },
    });
    const unpriced = jsonOf(
      await post(gateway, '/chat/completions', { ...hello, model: 'backup/echo' }, estimateHeader),
    );
    expect(unpriced).toMatchObject({ cost: null, market_cost: null, input_tokens: { min: 3, max: 3 } });
  });

  it('a value other than true or false is a 400 naming the header', async () => {
    const gateway = createGateway({ providers: [createMockProvider()], use: [cost()], logger: quietLogger });
    const response = await post(gateway, '/chat/completions', hello, { 'x-signalbox-estimate': 'maybe' });
    expect(response.status).toBe(400);
    expect(record(jsonOf(response).error)).toMatchObject({
      param: 'x-signalbox-estimate',
      code: 'invalid_header',
    });
    const off = await post(gateway, '/chat/completions', hello, { 'x-signalbox-estimate': 'false' });
    expect(record(jsonOf(off)).object).toBe('chat.completion');
  });
});

function context(request: Partial<ChatRequest>): GatewayContext {
  return {
    request: {
      model: 'mock/echo',
      stream: false,
      messages: [{ role: 'user', content: [{ type: 'text', text: 'hello' }] }],
      ...request,
    },
    providers: new Map([['mock', createMockProvider()]]),
  } as unknown as GatewayContext;
}

describe('worst case and fallbacks', () => {
  const settings = { catalog: createPriceCatalog(), defaultMaxOutputTokens: 4096, charactersPerToken: 4 };

  it('lists the fallback models of both hosted styles', () => {
    expect(
      candidateModels({
        model: 'a/1',
        messages: [],
        stream: false,
        providerOptions: { gateway: { models: ['d/4'] } },
        source: {
          format: 'openai',
          forwardHeaders: {},
          extraFields: {
            models: ['a/1', 'b/2'],
            fallbacks: [{ model: 'c/3' }],
            providerOptions: { gateway: { models: ['e/5'] } },
          },
        },
      }),
    ).toEqual(['a/1', 'b/2', 'c/3', 'e/5', 'd/4']);
  });

  it('reserves for the dearest rate of the dearest model the request may use', () => {
    // hello: 2 + 4 input tokens; 10 output. mock/echo: 6 x $1 + 10 x $2 = $26 per million.
    expect(worstCaseCost(context({ maxOutputTokens: 10 }), settings)).toBe('0.000026');
    // Default max output: 4096 x $2 per million.
    expect(worstCaseCost(context({}), settings)).toBe('0.008198');
    // Falling back to claude-opus-4-1: input at the 1-hour cache-write rate ($30), output $75.
    const opus = context({
      maxOutputTokens: 10,
      source: {
        format: 'openai',
        forwardHeaders: {},
        extraFields: { models: ['anthropic/claude-opus-4-1'] },
      },
    });
    expect(worstCaseCost(opus, settings)).toBe('0.00093');
    expect(worstCaseCost(context({ model: 'nobody/x' }), settings)).toBeUndefined();
  });
});
