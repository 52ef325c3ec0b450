import {
  type CostInfo,
  defineMiddleware,
  type GatewayContext,
  type ProviderAdapter,
  runAttempt,
} from '@signalbox/core';
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

/** A tiny router inside metadata: `acme/smart` fails on mock (500) and on backup (503), then `acme/small` on backup works. */
const fakeFallback = defineMiddleware('fakeFallback', async function fakeFallback(context: GatewayContext) {
  const mock = context.providers.get('mock') as ProviderAdapter;
  const backup = context.providers.get('backup') as ProviderAdapter;
  context.routing = {
    originalModelId: context.request.model,
    canonicalSlug: 'acme/smart-1',
    plan: [
      {
        model: 'acme/smart',
        canonicalSlug: 'acme/smart-1',
        provider: 'mock',
        providerModelId: 'echo:status-500',
      },
      {
        model: 'acme/smart',
        canonicalSlug: 'acme/smart-1',
        provider: 'backup',
        providerModelId: 'echo:status-503',
      },
      { model: 'acme/small', canonicalSlug: 'acme/small-2', provider: 'backup', providerModelId: 'echo' },
    ],
    fallbacksAvailable: ['backup'],
    planningReasoning: 'Total execution order: mock(system) → backup(system)',
  };
  for (const entry of context.routing.plan) {
    const provider = entry.provider === 'mock' ? mock : backup;
    try {
      await runAttempt(context, { model: entry.model, provider, providerModelId: entry.providerModelId });
      return;
    } catch {
      // next entry
    }
  }
});

const fallbackCases = [
  { path: '/chat/completions', stream: false },
  { path: '/chat/completions', stream: true },
  { path: '/messages', stream: false },
  { path: '/messages', stream: true },
] as const;

describe.each(fallbackCases)('after a fallback on $path (stream: $stream)', ({ path, stream }) => {
  const gateway = gatewayWith([metadata(), fakeFallback]);

  async function gatewayObject(): Promise<{
    gateway: Record<string, unknown>;
    top: Record<string, unknown>;
    headers: Record<string, string>;
  }> {
    const requestBody = path === '/messages' ? anthropicBody(stream) : openaiBody(stream);
    const response = await post(gateway, path, { ...requestBody, model: 'smart' });
    expect(response.status).toBe(200);
    if (!stream) {
      const body = jsonOf(response);
      const holder = path === '/messages' ? body : record(firstChoice(body).message);
      return {
        gateway: record(record(holder.provider_metadata).gateway),
        top: body,
        headers: response.headers,
      };
    }
    const frames = await framesOf(response);
    const top =
      path === '/messages'
        ? eventOf(frames, 'message_delta')
        : (chunks(frames).find((chunk) => firstChoiceOrEmpty(chunk).finish_reason) as Record<
            string,
            unknown
          >);
    const holder = path === '/messages' ? top : record(firstChoice(top).delta);
    return { gateway: record(record(holder.provider_metadata).gateway), top, headers: response.headers };
  }

  it('lists every attempt grouped by model and names the model used', async () => {
    const { gateway: object, top, headers } = await gatewayObject();
    const routing = record(object.routing);
    expect(routing).toMatchObject({
      originalModelId: 'smart',
      resolvedProvider: 'mock',
      resolvedProviderApiModelId: 'echo:status-500',
      fallbacksAvailable: ['backup'],
      canonicalSlug: 'acme/smart-1',
      finalProvider: 'backup',
      modelAttemptCount: 2,
      totalProviderAttemptCount: 3,
    });
    expect(routing.modelAttempts).toEqual([
      {
        modelId: 'backup:echo:status-503',
        canonicalSlug: 'acme/smart-1',
        success: false,
        providerAttemptCount: 2,
        providerAttempts: [
          expect.objectContaining({
            provider: 'mock',
            providerApiModelId: 'echo:status-500',
            success: false,
            statusCode: 500,
          }),
          expect.objectContaining({
            provider: 'backup',
            providerApiModelId: 'echo:status-503',
            success: false,
            statusCode: 503,
          }),
        ],
      },
      {
        modelId: 'backup:echo',
        canonicalSlug: 'acme/small-2',
        success: true,
        providerAttemptCount: 1,
        providerAttempts: [
          expect.objectContaining({
            provider: 'backup',
            providerApiModelId: 'echo',
            success: true,
            statusCode: 200,
          }),
        ],
      },
    ]);
    expect(top.provider).toBe('backup');
    if (!(path === '/messages' && stream)) expect(top.model).toBe('acme/small');
    expect(headers).toMatchObject({
      'x-signalbox-provider': 'backup',
      'x-signalbox-model': 'acme/small',
      'x-signalbox-attempts': '3',
    });
  });
});

const knownCost: CostInfo = {
  total: '0.000087',
  market: '0.00009',
  inference: '0.000087',
  input: '0.000022',
  output: '0.000065',
  isByok: false,
  estimated: false,
};

const fakeCost = defineMiddleware('fakeCost', async function fakeCost(context: GatewayContext, next) {
  await next();
  context.cost = knownCost;
});

const costDetails = {
  upstream_inference_cost: 0.000087,
  upstream_inference_prompt_cost: 0.000022,
  upstream_inference_completions_cost: 0.000065,
};
const costStrings = {
  cost: '0.000087',
  marketCost: '0.00009',
  inferenceCost: '0.000087',
  inputInferenceCost: '0.000022',
  outputInferenceCost: '0.000065',
};

describe('cost fields', () => {
  const gateway = gatewayWith([metadata(), fakeCost]);

  it('are strings in the gateway object and numbers in usage (OpenAI, plain)', async () => {
    const body = jsonOf(await post(gateway, '/chat/completions', openaiBody()));
    expect(record(record(firstChoice(body).message).provider_metadata).gateway).toMatchObject(costStrings);
    expect(record(body.usage)).toMatchObject({
      cost: 0.000087,
      is_byok: false,
      cost_details: costDetails,
      market_cost: 0.00009,
    });
  });

  it('reach the usage chunk of an OpenAI stream', async () => {
    const frames = await framesOf(await post(gateway, '/chat/completions', openaiBody(true)));
    const usageChunk = chunks(frames).at(-1) as Record<string, unknown>;
    expect(record(usageChunk.usage)).toMatchObject({
      cost: 0.000087,
      cost_details: costDetails,
      market_cost: 0.00009,
    });
  });

  it('reach the message_delta of an Anthropic stream', async () => {
    const delta = eventOf(
      await framesOf(await post(gateway, '/messages', anthropicBody(true))),
      'message_delta',
    );
    expect(record(record(delta.provider_metadata).gateway)).toMatchObject(costStrings);
    expect(record(delta.usage)).toMatchObject({
      cost: 0.000087,
      cost_details: costDetails,
      market_cost: 0.00009,
    });
  });
});
