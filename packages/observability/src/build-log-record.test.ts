import type { GatewayContext } from '@signalbox/core';
import { GatewayError } from '@signalbox/core';
import { describe, expect, it } from 'vitest';
import { buildLogRecord, buildRecord } from './build-log-record.js';

function context(overrides: Partial<GatewayContext> = {}): GatewayContext {
  return {
    endpoint: 'messages',
    generationId: 'gen_1',
    request: { model: 'fast', stream: true, messages: [] },
    attempts: [],
    timings: {
      start: Date.parse('2026-05-01T00:00:00.000Z'),
      firstToken: Date.parse('2026-05-01T00:00:00.120Z'),
      end: Date.parse('2026-05-01T00:00:00.500Z'),
    },
    clock: { now: () => 0 },
    ...overrides,
  } as GatewayContext;
}

describe('buildLogRecord', () => {
  it('keeps unknown token counts as null and times in milliseconds', () => {
    const record = buildLogRecord(
      context({
        usage: {
          inputTokens: { total: 12, noCache: undefined, cacheRead: 4, cacheWrite: undefined },
          outputTokens: { total: 7, text: 7, reasoning: undefined },
        },
        resolved: {
          model: 'anthropic/claude-haiku-4.5',
          provider: 'anthropic',
          providerModelId: 'claude-haiku-4-5',
        },
        cacheStatus: 'MISS',
        routing: {
          originalModelId: 'fast',
          canonicalSlug: 'anthropic/claude-haiku-4.5',
          plan: [],
          fallbacksAvailable: ['bedrock'],
          planningReasoning: 'a -> b',
        },
      }),
      { status: 200, aborted: false },
      { finishReason: 'stop' },
    );
    expect(record).toMatchObject({
      time: '2026-05-01T00:00:00.000Z',
      endpoint: 'messages',
      requestedModel: 'fast',
      model: 'anthropic/claude-haiku-4.5',
      provider: 'anthropic',
      tokens: { input: 12, output: 7, noCache: null, cacheRead: 4, cacheWrite: null, reasoning: null },
      latencyMs: 500,
      ttftMs: 120,
      finishReason: 'stop',
      cacheStatus: 'MISS',
      stream: true,
      routing: {
        canonicalSlug: 'anthropic/claude-haiku-4.5',
        fallbacksAvailable: ['bedrock'],
        planningReasoning: 'a -> b',
      },
      io: null,
    });
  });

  it('records a failure mid-stream as an error with status 200, and an abort', () => {
    const record = buildLogRecord(context(), {
      status: 200,
      aborted: true,
      error: new GatewayError('stream broke', { status: 502 }),
    });
    expect(record).toMatchObject({
      status: 200,
      error: 'stream broke',
      errorType: 'upstream_error',
      aborted: true,
    });
  });

  it('uses the whole answer as the first token of a non-streamed call, and keeps attempts', () => {
    const start = Date.parse('2026-05-01T00:00:00.000Z');
    const record = buildLogRecord(
      context({
        request: { model: 'mock/echo', stream: false, messages: [] },
        timings: { start, end: start + 90 },
        result: {
          content: [],
          finishReason: { unified: 'length', raw: 'max_tokens' },
          usage: {
            inputTokens: { total: 1, noCache: 1, cacheRead: 0, cacheWrite: 0 },
            outputTokens: { total: 1, text: 1, reasoning: 0 },
          },
          warnings: [],
          response: { id: 'resp_1' },
        },
        attempts: [
          {
            model: 'mock/echo',
            provider: 'a',
            providerModelId: 'echo',
            credentialType: 'system',
            startTime: start + 1,
            endTime: start + 20,
            success: false,
            statusCode: 503,
            error: { message: 'down', type: 'overloaded_error', status: 503 },
          },
          {
            model: 'mock/echo',
            provider: 'b',
            providerModelId: 'echo',
            credentialType: 'byok',
            startTime: start + 21,
            endTime: start + 80,
            success: true,
            statusCode: 200,
            providerResponseId: 'resp_1',
          },
        ],
      }),
      { status: 200, aborted: false },
    );
    expect(record.ttftMs).toBe(80);
    expect(record.finishReason).toBe('length');
    expect(record.responseId).toBe('resp_1');
    expect(record.provider).toBe('b');
    expect(record.attempts).toEqual([
      {
        model: 'mock/echo',
        provider: 'a',
        providerModelId: 'echo',
        credentialType: 'system',
        startTime: '2026-05-01T00:00:00.001Z',
        durationMs: 19,
        success: false,
        status: 503,
        error: 'down',
        providerResponseId: null,
      },
      {
        model: 'mock/echo',
        provider: 'b',
        providerModelId: 'echo',
        credentialType: 'byok',
        startTime: '2026-05-01T00:00:00.021Z',
        durationMs: 59,
        success: true,
        status: 200,
        error: null,
        providerResponseId: 'resp_1',
      },
    ]);
  });

  it('buildRecord (the middleware path) builds the same record, key order included', () => {
    const start = Date.parse('2026-12-31T23:59:59.998Z');
    const full = context({
      timings: { start, end: start + 5 },
      attempts: [
        {
          model: 'mock/echo',
          provider: 'a',
          providerModelId: 'echo',
          credentialType: 'system',
          startTime: start + 3,
          success: true,
          statusCode: 200,
          providerResponseId: 'resp_9',
        },
      ],
      cost: {
        total: '0.1',
        market: '0.1',
        inference: '0.1',
        input: '0.05',
        output: '0.05',
        isByok: false,
        estimated: false,
      },
      request: { model: 'fast', stream: true, messages: [], user: 'u1', metadata: { team: 'a' } },
    });
    const outcome = { status: 200, aborted: false };
    const io = { prompt: [{ role: 'user', content: 'hi' }], completion: { text: 'yo' } };
    for (const observed of [{}, { finishReason: 'stop' }, { finishReason: 'stop', io }]) {
      const expected = buildLogRecord(full, outcome, observed);
      const record = buildRecord(
        full,
        outcome,
        observed.finishReason,
        'io' in observed ? observed.io : undefined,
      );
      expect(record).toEqual(expected);
      expect(JSON.stringify(record)).toBe(JSON.stringify(expected));
    }
    const record = buildRecord(full, outcome, undefined, undefined);
    // ISO times across a year boundary, as toISOString writes them.
    expect(record.time).toBe('2026-12-31T23:59:59.998Z');
    expect(record.attempts[0]?.startTime).toBe('2027-01-01T00:00:00.001Z');
    // The record keeps copies: it never shares the context's objects.
    expect(record.cost).not.toBe(full.cost);
    expect(record.metadata).not.toBe(full.request.metadata);
  });
});
