import type { RoutingInfo } from '@signalbox/core';
import { describe, expect, it } from 'vitest';
import { attempt, source } from './test-support.js';
import {
  groupModelAttempts,
  vercelCostFields,
  vercelGatewayMetadata,
  vercelRouting,
} from './vercel-shape.js';

const routing: RoutingInfo = {
  originalModelId: 'smart',
  canonicalSlug: 'acme/smart-1',
  plan: [
    { model: 'acme/smart', canonicalSlug: 'acme/smart-1', provider: 'mock', providerModelId: 'smart-v1' },
    { model: 'acme/smart', canonicalSlug: 'acme/smart-1', provider: 'backup', providerModelId: 'smart' },
    { model: 'acme/small', canonicalSlug: 'acme/small-2', provider: 'backup', providerModelId: 'small' },
  ],
  fallbacksAvailable: ['backup'],
  planningReasoning:
    'System credentials planned for: mock, backup. Total execution order: mock(system) → backup(system)',
};

const fallbackAttempts = [
  attempt({
    model: 'acme/smart',
    provider: 'mock',
    providerModelId: 'smart-v1',
    success: false,
    statusCode: 500,
    startTime: 1,
    endTime: 2,
  }),
  attempt({
    model: 'acme/smart',
    provider: 'backup',
    providerModelId: 'smart',
    success: false,
    statusCode: 429,
    startTime: 3,
    endTime: 4,
  }),
  attempt({
    model: 'acme/small',
    provider: 'backup',
    providerModelId: 'small',
    startTime: 5,
    endTime: 9,
    providerRequestId: 'req_1',
    providerResponseId: 'chatcmpl-1',
  }),
];

describe('vercelRouting', () => {
  it('derives a one-entry routing object without a router', () => {
    expect(vercelRouting(source())).toEqual({
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
              startTime: 1000,
              endTime: 1010,
              statusCode: 200,
            },
          ],
        },
      ],
      totalProviderAttemptCount: 1,
    });
  });

  it('keeps Vercel key order', () => {
    expect(Object.keys(vercelRouting(source()))).toEqual([
      'originalModelId',
      'resolvedProvider',
      'resolvedProviderApiModelId',
      'fallbacksAvailable',
      'planningReasoning',
      'canonicalSlug',
      'finalProvider',
      'modelAttemptCount',
      'modelAttempts',
      'totalProviderAttemptCount',
    ]);
  });

  it("uses the router's plan and groups attempts by model", () => {
    const result = vercelRouting(
      source({
        request: { model: 'smart', messages: [], stream: false },
        routing,
        attempts: fallbackAttempts,
        resolved: { model: 'acme/small', provider: 'backup', providerModelId: 'small' },
      }),
    );
    expect(result).toMatchObject({
      originalModelId: 'smart',
      resolvedProvider: 'mock',
      resolvedProviderApiModelId: 'smart-v1',
      fallbacksAvailable: ['backup'],
      planningReasoning: routing.planningReasoning,
      canonicalSlug: 'acme/smart-1',
      finalProvider: 'backup',
      modelAttemptCount: 2,
      totalProviderAttemptCount: 3,
    });
    expect(result.modelAttempts).toEqual([
      {
        modelId: 'backup:smart',
        canonicalSlug: 'acme/smart-1',
        success: false,
        providerAttemptCount: 2,
        providerAttempts: [
          {
            provider: 'mock',
            providerApiModelId: 'smart-v1',
            credentialType: 'system',
            success: false,
            startTime: 1,
            endTime: 2,
            statusCode: 500,
          },
          {
            provider: 'backup',
            providerApiModelId: 'smart',
            credentialType: 'system',
            success: false,
            startTime: 3,
            endTime: 4,
            statusCode: 429,
          },
        ],
      },
      {
        modelId: 'backup:small',
        canonicalSlug: 'acme/small-2',
        success: true,
        providerAttemptCount: 1,
        providerAttempts: [
          {
            provider: 'backup',
            providerApiModelId: 'small',
            credentialType: 'system',
            success: true,
            startTime: 5,
            endTime: 9,
            providerRequestId: 'req_1',
            statusCode: 200,
            providerResponseId: 'chatcmpl-1',
          },
        ],
      },
    ]);
  });

  it('names a successful model group by its successful attempt', () => {
    const groups = groupModelAttempts(
      source({
        attempts: [
          attempt({ provider: 'mock', success: false, statusCode: 503 }),
          attempt({ provider: 'backup' }),
        ],
      }),
    );
    expect(groups).toHaveLength(1);
    expect(groups[0]).toMatchObject({ modelId: 'backup:echo', success: true, providerAttemptCount: 2 });
  });

  it('copes with no attempts and nothing resolved (a middleware answered itself)', () => {
    const result = vercelRouting(source({ attempts: [], resolved: undefined }));
    expect(result).toEqual({
      originalModelId: 'mock/echo',
      fallbacksAvailable: [],
      planningReasoning: 'Direct: mock/echo',
      canonicalSlug: 'mock/echo',
      modelAttemptCount: 0,
      modelAttempts: [],
      totalProviderAttemptCount: 0,
    });
  });
});

describe('vercelGatewayMetadata', () => {
  it('has cost fields as decimal strings when the cost is known', () => {
    const gateway = vercelGatewayMetadata(
      source({
        cost: {
          total: '0.000087',
          market: '0.000090',
          inference: '0.000087',
          input: '0.000022',
          output: '0.000065',
          isByok: false,
          estimated: false,
        },
      }),
    );
    expect(Object.keys(gateway)).toEqual([
      'routing',
      'cost',
      'marketCost',
      'inferenceCost',
      'inputInferenceCost',
      'outputInferenceCost',
      'generationId',
    ]);
    expect(gateway).toMatchObject({
      cost: '0.000087',
      marketCost: '0.000090',
      inferenceCost: '0.000087',
      inputInferenceCost: '0.000022',
      outputInferenceCost: '0.000065',
      generationId: 'gen_test',
    });
  });

  it('leaves cost fields out (not zero) when the cost is unknown', () => {
    const gateway = vercelGatewayMetadata(source());
    expect(Object.keys(gateway)).toEqual(['routing', 'generationId']);
    expect(vercelCostFields(undefined)).toEqual({});
  });

  it('leaves out what is unknown instead of keeping undefined keys', () => {
    const routing = vercelRouting(source({ attempts: [], resolved: undefined }));
    expect(Object.keys(routing)).toEqual([
      'originalModelId',
      'fallbacksAvailable',
      'planningReasoning',
      'canonicalSlug',
      'modelAttemptCount',
      'modelAttempts',
      'totalProviderAttemptCount',
    ]);
  });

  it('groups interleaved attempts by model in first-tried order', () => {
    const groups = groupModelAttempts(
      source({
        attempts: [
          attempt({ model: 'a/one', provider: 'p1', success: false }),
          attempt({ model: 'b/two', provider: 'p2', success: false }),
          attempt({ model: 'a/one', provider: 'p3', success: true }),
          attempt({ model: 'a/one', provider: 'p4', success: false }),
        ],
      }),
    );
    expect(
      groups.map((group) => [group.modelId.split(':')[0], group.success, group.providerAttemptCount]),
    ).toEqual([
      ['p3', true, 3],
      ['p2', false, 1],
    ]);
    expect(groups[0]?.providerAttempts.map((entry) => entry.provider)).toEqual(['p1', 'p3', 'p4']);
  });
});
