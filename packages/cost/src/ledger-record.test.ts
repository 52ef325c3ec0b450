import type { Attempt, GatewayContext } from '@signalbox/core';
import { describe, expect, it } from 'vitest';
import { buildLedgerEntry } from './ledger-record.js';
import { createPriceCatalog } from './price-catalog.js';
import { RequestAccount } from './request-account.js';

const attempt = (overrides: Partial<Attempt>): Attempt => ({
  model: 'mock/echo',
  provider: 'mock',
  providerModelId: 'echo',
  credentialType: 'system',
  startTime: 1_000,
  endTime: 1_040,
  success: true,
  statusCode: 200,
  providerResponseId: 'mock-9',
  ...overrides,
});

function context(): GatewayContext {
  return {
    endpoint: 'messages',
    generationId: 'gen_1',
    principal: { id: 'key_1', kind: 'key', keyPrefix: 'sk-sb-ab', projectId: 'proj_1' },
    request: { model: 'fast', stream: true, messages: [] },
    resolved: { model: 'mock/echo', provider: 'mock', providerModelId: 'echo' },
    attempts: [
      attempt({
        success: false,
        statusCode: 503,
        endTime: 1_010,
        providerResponseId: undefined,
        error: { message: 'down', type: 'overloaded_error', status: 503 },
      }),
      attempt({ startTime: 1_010 }),
    ],
    timings: {
      start: Date.UTC(2026, 4, 1),
      firstToken: Date.UTC(2026, 4, 1) + 30,
      end: Date.UTC(2026, 4, 1) + 90,
    },
    clock: { now: () => 0 },
    state: {},
  } as unknown as GatewayContext;
}

describe('buildLedgerEntry', () => {
  it('summarises who, what, tokens, cost, attempts and times', () => {
    const current = context();
    current.timings.start = 1_000;
    current.timings.firstToken = 1_030;
    current.timings.end = 1_090;
    const account = new RequestAccount(current, {
      catalog: createPriceCatalog(),
      byokRule: undefined,
      charactersPerToken: 4,
    });
    account.observe({
      type: 'finish',
      finishReason: { unified: 'tool-calls', raw: 'tool_use' },
      usage: {
        inputTokens: { total: 10, noCache: 4, cacheRead: 5, cacheWrite: 1 },
        outputTokens: { total: 3, text: 3, reasoning: undefined },
      },
    });
    const entry = buildLedgerEntry(current, account, account.settle(), { status: 200, aborted: false });
    expect(entry).toEqual({
      generationId: 'gen_1',
      createdAt: '1970-01-01T00:00:01.000Z',
      endpoint: 'messages',
      principalId: 'key_1',
      projectId: 'proj_1',
      keyPrefix: 'sk-sb-ab',
      requestedModel: 'fast',
      model: 'mock/echo',
      provider: 'mock',
      providerModelId: 'echo',
      upstreamId: 'mock-9',
      tokens: {
        prompt: 10,
        completion: 3,
        noCache: 4,
        cacheRead: 5,
        cacheWrite: 1,
        cacheWrite1h: 0,
        reasoning: 0,
      },
      cost: '0.000016',
      marketCost: '0.000016',
      inferenceCost: '0.000016',
      inputCost: '0.00001',
      outputCost: '0.000006',
      cacheDiscount: '0',
      estimated: false,
      cached: false,
      cacheSourceId: null,
      isByok: false,
      streamed: true,
      cancelled: false,
      status: 200,
      error: null,
      finishReason: 'tool-calls',
      nativeFinishReason: 'tool_use',
      attempts: [
        {
          model: 'mock/echo',
          provider: 'mock',
          providerModelId: 'echo',
          status: 503,
          success: false,
          isByok: false,
          latencyMs: 10,
          providerResponseId: null,
          error: 'down',
          cost: '0',
        },
        {
          model: 'mock/echo',
          provider: 'mock',
          providerModelId: 'echo',
          status: 200,
          success: true,
          isByok: false,
          latencyMs: 30,
          providerResponseId: 'mock-9',
          error: null,
          cost: '0.000016',
        },
      ],
      latencyMs: 90,
      timeToFirstTokenMs: 30,
      generationTimeMs: 80,
    });
  });

  it('records an unpriced request with null costs and the error', () => {
    const current = context();
    current.request.model = 'nobody/x';
    current.resolved = undefined;
    const account = new RequestAccount(current, {
      catalog: createPriceCatalog(),
      byokRule: undefined,
      charactersPerToken: 4,
    });
    const entry = buildLedgerEntry(current, account, account.settle(), {
      status: 502,
      aborted: false,
      error: new Error('all failed'),
    });
    expect(entry).toMatchObject({
      cost: null,
      marketCost: null,
      status: 502,
      error: 'all failed',
      provider: null,
      model: 'nobody/x',
    });
    expect(entry.attempts.map((each) => each.cost)).toEqual([null, null]);
  });
});
