import {
  createGateway,
  defineMiddleware,
  type GatewayContext,
  type ProviderAdapter,
  type StreamPart,
} from '@signalbox/core';
import { describe, expect, it } from 'vitest';
import { ProviderStats } from './provider-stats.js';
import { router } from './router.js';
import { chat, httpRequest, manualClock, sseOf } from './router-test-kit.js';

/** An adapter that ignores its signal: `stuck` never answers; `slow-stream` never sends content. */
function deaf(): ProviderAdapter {
  const usage = {
    inputTokens: { total: 1, noCache: 1, cacheRead: 0, cacheWrite: 0 },
    outputTokens: { total: 10, text: 10, reasoning: 0 },
  };
  return {
    specificationVersion: 'v1',
    name: 'deaf',
    async generate(call) {
      if (call.modelId === 'stuck') await new Promise(() => {});
      return {
        content: [{ type: 'text', text: 'ok' }],
        finishReason: { unified: 'stop', raw: 'stop' },
        usage,
        warnings: [],
        response: {},
      };
    },
    async stream(call) {
      async function* parts(): AsyncGenerator<StreamPart> {
        yield { type: 'stream-start', warnings: [] };
        if (call.modelId === 'slow-stream') await new Promise(() => {});
        yield { type: 'text-start', id: 't' };
        yield { type: 'text-delta', id: 't', delta: 'ok' };
        yield { type: 'text-end', id: 't' };
        yield { type: 'finish', finishReason: { unified: 'stop', raw: 'stop' }, usage };
      }
      return { stream: parts() };
    },
  };
}

function gatewayWith(options: Parameters<typeof router>[0]) {
  const seen: { context?: GatewayContext } = {};
  const capture = defineMiddleware('capture', async (context: GatewayContext, next) => {
    seen.context = context;
    await next();
  });
  return { seen, gateway: createGateway({ providers: [deaf()], use: [capture, router(options)] }) };
}

describe('runTimedAttempt', () => {
  it('times out an adapter that ignores its signal, before and during the stream', async () => {
    const { gateway, seen } = gatewayWith({ retries: 0, attemptTimeoutMs: 20 });
    const plain = await gateway.handle(
      httpRequest('/v1/chat/completions', chat('deaf/stuck', { models: ['deaf/ok'] })),
    );
    expect(plain.status).toBe(200);
    expect(seen.context?.attempts.map((attempt) => attempt.statusCode)).toEqual([504, 200]);
    const streamed = await gateway.handle(
      httpRequest('/v1/chat/completions', chat('deaf/slow-stream', { stream: true, models: ['deaf/ok'] })),
    );
    expect(streamed.status).toBe(200);
    expect(await sseOf(streamed)).toContain('"content":"ok"');
    expect(seen.context?.attempts.map((attempt) => [attempt.providerModelId, attempt.statusCode])).toEqual([
      ['slow-stream', 504],
      ['ok', 200],
    ]);
  });

  it('records time to first token and throughput of successful attempts', async () => {
    const clock = manualClock();
    const stats = new ProviderStats();
    const { gateway } = gatewayWith({ clock, stats });
    const response = await gateway.handle(
      httpRequest('/v1/chat/completions', chat('deaf/ok', { stream: true })),
    );
    await sseOf(response);
    expect(stats.get('deaf/ok')).toMatchObject({ ttftMs: 0, samples: 1 });
    await gateway.handle(httpRequest('/v1/chat/completions', chat('deaf/ok')));
    expect(stats.get('deaf/ok')?.samples).toBe(2);
  });

  it('arms one timer per attempt: the shorter of the attempt and first-token timeouts fires', async () => {
    const codes = async (options: Parameters<typeof router>[0]) => {
      const { gateway, seen } = gatewayWith({ retries: 0, ...options });
      const response = await gateway.handle(
        httpRequest('/v1/chat/completions', chat('deaf/slow-stream', { stream: true })),
      );
      expect(response.status).toBe(504);
      return seen.context?.attempts.map((attempt) => attempt.error?.code);
    };
    expect(await codes({ attemptTimeoutMs: 1_000, firstTokenTimeoutMs: 10 })).toEqual([
      'first_token_timeout',
    ]);
    expect(await codes({ attemptTimeoutMs: 10, firstTokenTimeoutMs: 1_000 })).toEqual(['attempt_timeout']);
    expect(await codes({ attemptTimeoutMs: 10, firstTokenTimeoutMs: 10 })).toEqual(['attempt_timeout']);
  });

  it('passes the provider the call core built when the router changes nothing in it', async () => {
    const calls: unknown[] = [];
    const spy: ProviderAdapter = {
      ...deaf(),
      name: 'spy',
      async generate(call) {
        calls.push(call);
        return deaf().generate(call);
      },
    };
    const gateway = createGateway({ providers: [spy], use: [router({ retries: 0 })] });
    const response = await gateway.handle(httpRequest('/v1/chat/completions', chat('spy/ok')));
    expect(response.status).toBe(200);
    expect(calls).toHaveLength(1);
    expect(calls[0]).toMatchObject({ modelId: 'ok', request: { model: 'spy/ok' } });
    // With routing fields, the provider gets a copy without them.
    await gateway.handle(httpRequest('/v1/chat/completions', chat('spy/ok', { models: ['spy/ok'] })));
    expect(
      (calls[1] as { request: { source?: { extraFields?: object } } }).request.source?.extraFields,
    ).toEqual({});
  });
});
