import { defineMiddleware, resolveModel, runAttempt, type Usage } from '@signalbox/core';
import { describe, expect, it } from 'vitest';
import { anthropic, framesOf, jsonOf, openai, post, record, send, setup, who } from './test-support.js';

describe('cost(): the ledger', () => {
  it('writes one entry per request with tokens, cost, times, readable through GET /generation', async () => {
    const { gateway, ledger } = setup();
    const response = await post(gateway, '/chat/completions', openai('Hello there'), who);
    const id = response.headers['x-signalbox-generation-id'] ?? '';
    const entries = await ledger.list();
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({
      generationId: id,
      endpoint: 'chat.completions',
      principalId: 'key_1',
      projectId: 'proj_1',
      requestedModel: 'mock/echo',
      model: 'mock/echo',
      provider: 'mock',
      providerModelId: 'echo',
      upstreamId: 'mock-1',
      tokens: {
        prompt: 3,
        completion: 3,
        noCache: 3,
        cacheRead: 0,
        cacheWrite: 0,
        cacheWrite1h: 0,
        reasoning: 0,
      },
      cost: '0.000009',
      marketCost: '0.000009',
      cacheDiscount: '0',
      estimated: false,
      cached: false,
      isByok: false,
      streamed: false,
      cancelled: false,
      status: 200,
      finishReason: 'stop',
      nativeFinishReason: 'stop',
      attempts: [{ provider: 'mock', status: 200, success: true, cost: '0.000009' }],
    });
    const lookup = jsonOf(await send(gateway, 'GET', `/generation?id=${id}`, { headers: who }));
    expect(lookup).toMatchObject({
      data: { id, total_cost: 0.000009, tokens_prompt: 3, tokens_completion: 3, provider_name: 'mock' },
    });
  });

  it('never twice across retries and fallbacks: one entry, every attempt summarised', async () => {
    const retrying = defineMiddleware('retrying', async (context) => {
      try {
        await runAttempt(context, resolveModel('mock/echo:status-500', context.providers));
      } catch {
        await runAttempt(context, resolveModel('backup/echo:status-503', context.providers)).catch(
          () => undefined,
        );
        await runAttempt(context, resolveModel(context.request.model, context.providers));
      }
    });
    const { gateway, ledger } = setup({}, [retrying]);
    await post(gateway, '/chat/completions', openai('Hello there'), who);
    await post(gateway, '/messages', anthropic('Hello there', { stream: true }), who).then(framesOf);
    const entries = await ledger.list();
    expect(entries).toHaveLength(2);
    for (const entry of entries) {
      expect(entry.cost).toBe('0.000009');
      expect(entry.attempts.map((attempt) => [attempt.provider, attempt.status, attempt.cost])).toEqual([
        ['mock', 500, '0'],
        ['backup', 503, '0'],
        ['mock', 200, '0.000009'],
      ]);
    }
  });

  it('a client abort mid-stream: charged for the input and what was streamed, estimated, cancelled', async () => {
    const { gateway, ledger } = setup();
    const controller = new AbortController();
    const response = await send(gateway, 'POST', '/chat/completions', {
      body: { ...openai('one two three four five six seven eight'), model: 'mock/echo:drip-5', stream: true },
      headers: who,
      signal: controller.signal,
    });
    if (response.body.type !== 'sse') throw new Error('expected a stream');
    const events = response.body.events[Symbol.asyncIterator]();
    const seen: string[] = [];
    while (seen.length < 3) seen.push(String((await events.next()).value)); // role, 'echo: ', 'one '
    expect(seen.join('')).toContain('"content":"one "');
    controller.abort();
    await events.return?.();
    const [entry] = await ledger.list();
    // input: 39 characters / 4 -> 10, + 4 for the message = 14 tokens; output: 'echo: one ' = 10 characters -> 3.
    expect(entry).toMatchObject({
      cancelled: true,
      estimated: true,
      streamed: true,
      tokens: { prompt: 14, completion: 3 },
      cost: '0.00002',
      finishReason: null,
    });
  });

  it('a transport that never winds its stream down after an abort: written after the grace period', async () => {
    const { gateway, ledger } = setup({ abortGraceMs: 20 });
    const controller = new AbortController();
    const response = await send(gateway, 'POST', '/chat/completions', {
      body: { ...openai('one two three four five six seven eight'), model: 'mock/echo:drip-5', stream: true },
      headers: who,
      signal: controller.signal,
    });
    if (response.body.type !== 'sse') throw new Error('expected a stream');
    const events = response.body.events[Symbol.asyncIterator]();
    for (let index = 0; index < 3; index++) await events.next();
    controller.abort(); // and never read or return the stream again
    await new Promise((resolve) => setTimeout(resolve, 80));
    const [entry] = await ledger.list();
    expect(entry).toMatchObject({ cancelled: true, estimated: true, status: 200, cost: '0.00002' });
    await events.return?.();
    expect(await ledger.list()).toHaveLength(1);
  });

  it('a provider failing mid-stream: the streamed part is charged, estimated, with the error', async () => {
    const { gateway, ledger } = setup();
    const response = await post(
      gateway,
      '/chat/completions',
      { ...openai('one two three four five six seven eight'), model: 'mock/echo:drop-2', stream: true },
      who,
    );
    await framesOf(response);
    const [entry] = await ledger.list();
    expect(entry).toMatchObject({
      cancelled: false,
      estimated: true,
      error: 'Mock provider dropped the stream',
      tokens: { prompt: 14, completion: 3 },
      cost: '0.00002',
    });
  });

  it('a request that fails before any output costs 0 and is still recorded once', async () => {
    const { gateway, ledger } = setup();
    const response = await post(
      gateway,
      '/chat/completions',
      { ...openai('hi'), model: 'mock/echo:status-500' },
      who,
    );
    expect(response.status).toBe(500);
    const entries = await ledger.list();
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({
      status: 500,
      cost: '0',
      estimated: false,
      attempts: [{ status: 500, success: false }],
    });
  });

  it('a cache hit is charged 0 and recorded with what it saved and its source', async () => {
    const stored: Usage = {
      inputTokens: { total: 3, noCache: 3, cacheRead: 0, cacheWrite: 0 },
      outputTokens: { total: 3, text: 3, reasoning: 0 },
    };
    const zero: Usage = {
      inputTokens: { total: 0, noCache: 0, cacheRead: 0, cacheWrite: 0 },
      outputTokens: { total: 0, text: 0, reasoning: 0 },
    };
    const fakeCache = defineMiddleware('fakeCache', async (context) => {
      context.cacheStatus = 'HIT';
      (context.state as Record<string, unknown>).cache = {
        status: 'HIT',
        sourceGenerationId: 'gen_source',
        storedUsage: stored,
      };
      context.usage = zero;
      context.resolved = { model: 'mock/echo', provider: 'mock', providerModelId: 'echo' };
      context.result = {
        content: [{ type: 'text', text: 'echo: Hello there' }],
        finishReason: { unified: 'stop', raw: 'stop' },
        usage: zero,
        warnings: [],
        response: { id: 'cached' },
      };
    });
    const { gateway, ledger } = setup({}, [fakeCache]);
    const body = jsonOf(await post(gateway, '/chat/completions', openai('Hello there'), who));
    expect(record(body.usage).probe).toMatchObject({ total: '0', market: '0', inference: '0' });
    const [entry] = await ledger.list();
    expect(entry).toMatchObject({
      cached: true,
      cacheSourceId: 'gen_source',
      cost: '0',
      marketCost: '0',
      cacheDiscount: '0.000009',
      tokens: { prompt: 0, completion: 0 },
    });
  });
});
