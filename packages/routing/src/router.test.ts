import { defineMiddleware, type GatewayContext } from '@signalbox/core';
import { describe, expect, it } from 'vitest';
import { attemptSummary, chat, httpRequest, jsonOf, message, setup, sseOf } from './router-test-kit.js';

describe('router: fallback and retries', () => {
  it('falls back from a 500 on the first model to the second, recording both attempts', async () => {
    const { gateway, seen } = setup({ retries: 0 });
    const response = await gateway.handle(
      httpRequest('/v1/chat/completions', chat('mock/echo:status-500', { models: ['mock/echo'] })),
    );
    expect(response.status).toBe(200);
    expect(jsonOf(response).choices).toMatchObject([{ message: { content: 'echo: hello there' } }]);
    expect(attemptSummary(seen.context)).toEqual(['mock:echo:status-500:500', 'mock:echo:200']);
    expect(seen.context?.attempts[0]).toMatchObject({ success: false, error: { status: 500 } });
    expect(seen.context?.resolved).toEqual({ model: 'mock/echo', provider: 'mock', providerModelId: 'echo' });
    expect(seen.context?.routing).toMatchObject({
      originalModelId: 'mock/echo:status-500',
      canonicalSlug: 'mock/echo:status-500',
      fallbacksAvailable: [],
      planningReasoning:
        'System credentials planned for: mock. Total execution order: mock(system) → mock/echo via mock(system)',
    });
  });

  it('falls back between the providers of one catalog model, streaming on the Anthropic endpoint', async () => {
    const { gateway, seen } = setup({
      retries: 0,
      catalog: {
        models: [
          {
            id: 'acme/chat',
            canonicalSlug: 'acme/chat-2025',
            aliases: ['chat'],
            providers: ['primary/echo:status-500', 'backup/echo'],
          },
        ],
      },
    });
    const response = await gateway.handle(
      httpRequest('/v1/messages', message('chat', { stream: true }), {
        headers: { 'anthropic-version': '2023-06-01' },
      }),
    );
    expect(response.status).toBe(200);
    const text = await sseOf(response);
    expect(text.match(/event: message_start/g)).toHaveLength(1);
    expect(text).toContain('echo: ');
    expect(text).toContain('event: message_stop');
    expect(attemptSummary(seen.context)).toEqual(['primary:echo:status-500:500', 'backup:echo:200']);
    expect(seen.context?.resolved).toEqual({
      model: 'acme/chat',
      provider: 'backup',
      providerModelId: 'echo',
    });
    expect(seen.context?.routing).toMatchObject({
      originalModelId: 'chat',
      canonicalSlug: 'acme/chat-2025',
      fallbacksAvailable: ['backup'],
      plan: [
        {
          model: 'acme/chat',
          canonicalSlug: 'acme/chat-2025',
          provider: 'primary',
          providerModelId: 'echo:status-500',
        },
        { model: 'acme/chat', canonicalSlug: 'acme/chat-2025', provider: 'backup', providerModelId: 'echo' },
      ],
    });
  });

  it('retries a 429 after its Retry-After, then succeeds', async () => {
    const { gateway, seen, sleeps } = setup();
    const response = await gateway.handle(
      httpRequest('/v1/chat/completions', chat('mock/echo:flaky-429-1:retry-after-1')),
    );
    expect(response.status).toBe(200);
    expect(sleeps).toEqual([1000]);
    expect(attemptSummary(seen.context)).toEqual([
      'mock:echo:flaky-429-1:retry-after-1:429',
      'mock:echo:flaky-429-1:retry-after-1:200',
    ]);
  });

  it('moves on without waiting when Retry-After exceeds the cap', async () => {
    const { gateway, seen, sleeps } = setup({ maxRetryAfterMs: 500 });
    const response = await gateway.handle(
      httpRequest(
        '/v1/chat/completions',
        chat('mock/echo:status-429:retry-after-1', { models: ['mock/echo'] }),
      ),
    );
    expect(response.status).toBe(200);
    expect(sleeps).toEqual([]);
    expect(attemptSummary(seen.context)).toEqual(['mock:echo:status-429:retry-after-1:429', 'mock:echo:200']);
  });

  it('backs off exponentially with jitter between retries of a 5xx', async () => {
    const { gateway, sleeps, seen } = setup({ retries: 2, backoff: { minMs: 100, maxMs: 1000 } });
    const response = await gateway.handle(httpRequest('/v1/chat/completions', chat('mock/echo:flaky-503-2')));
    expect(response.status).toBe(200);
    expect(sleeps).toEqual([75, 150]); // ceilings 100, 200; random 0.5 -> 3/4 of each
    expect(seen.context?.attempts).toHaveLength(3);
  });

  it('stops at a client error from the provider: no retry, no fallback', async () => {
    const { gateway, seen } = setup();
    const response = await gateway.handle(
      httpRequest('/v1/chat/completions', chat('mock/echo:status-400', { models: ['mock/echo'] })),
    );
    expect(response.status).toBe(400);
    expect(attemptSummary(seen.context)).toEqual(['mock:echo:status-400:400']);
  });

  it('moves on from a 404 at one provider without retrying it', async () => {
    const { gateway, seen } = setup({
      catalog: { models: [{ id: 'x', providers: ['primary/echo:status-404', 'backup/echo'] }] },
    });
    const response = await gateway.handle(httpRequest('/v1/chat/completions', chat('x')));
    expect(response.status).toBe(200);
    expect(attemptSummary(seen.context)).toEqual(['primary:echo:status-404:404', 'backup:echo:200']);
  });

  it('tries ctx.preferredProvider first while it is healthy', async () => {
    const prefer = defineMiddleware('prefer', async (context: GatewayContext, next) => {
      context.preferredProvider = 'backup';
      await next();
    });
    const { gateway, seen } = setup({ cooldown: { threshold: 1 }, retries: 0 }, [prefer]);
    await gateway.handle(httpRequest('/v1/chat/completions', chat('acme/chat')));
    expect(attemptSummary(seen.context)).toEqual(['backup:echo:200']);
    expect(seen.context?.routing?.fallbacksAvailable).toEqual(['primary']);
  });

  it('obeys allow_fallbacks: false', async () => {
    const { gateway, seen, backup } = setup({
      retries: 0,
      catalog: { models: [{ id: 'x', providers: ['primary/echo:status-503', 'backup/echo'] }] },
    });
    const response = await gateway.handle(
      httpRequest('/v1/chat/completions', chat('x', { provider: { allow_fallbacks: false } })),
    );
    expect(response.status).toBe(503);
    expect(backup.calls).toHaveLength(0);
    expect(seen.context?.routing?.plan.map((entry) => entry.provider)).toEqual(['primary']);
  });
});

describe('router: timeouts and aborts', () => {
  it('falls back when an attempt hangs past the attempt timeout', async () => {
    const { gateway, seen } = setup({ retries: 0, attemptTimeoutMs: 30 });
    const response = await gateway.handle(
      httpRequest('/v1/chat/completions', chat('mock/echo:hang', { models: ['mock/echo'] })),
    );
    expect(response.status).toBe(200);
    expect(attemptSummary(seen.context)).toEqual(['mock:echo:hang:504', 'mock:echo:200']);
    expect(seen.context?.attempts[0]?.error).toMatchObject({ type: 'timeout_error' });
  });

  it('falls back from a stream with no first token in time, transparently for the client', async () => {
    const { gateway, seen } = setup({ retries: 0, firstTokenTimeoutMs: 30 });
    const response = await gateway.handle(
      httpRequest(
        '/v1/chat/completions',
        chat('mock/echo:delay-1000', { stream: true, models: ['mock/echo'] }),
      ),
    );
    expect(response.status).toBe(200);
    const text = await sseOf(response);
    expect(text).toContain('echo: ');
    expect(text).toContain('[DONE]');
    expect(attemptSummary(seen.context)).toEqual(['mock:echo:delay-1000:504', 'mock:echo:200']);
  });

  it('applies Vercel providerTimeouts per provider and credential type', async () => {
    const { gateway, seen } = setup({
      retries: 0,
      catalog: { models: [{ id: 'x', providers: ['primary/echo:hang', 'backup/echo'] }] },
    });
    const response = await gateway.handle(
      httpRequest(
        '/v1/chat/completions',
        chat('x', {
          stream: true,
          providerOptions: { gateway: { providerTimeouts: { byok: { primary: 20 } } } },
        }),
        { principal: { id: 'u1', kind: 'user', providerKeys: { primary: 'sk-own' } } },
      ),
    );
    expect(response.status).toBe(200);
    await sseOf(response);
    expect(
      seen.context?.attempts.map((attempt) => [attempt.provider, attempt.credentialType, attempt.statusCode]),
    ).toEqual([
      ['primary', 'byok', 504],
      ['backup', 'system', 200],
    ]);
    expect(seen.context?.routing?.planningReasoning).toBe(
      'BYOK credentials planned for: primary. System credentials planned for: backup. Total execution order: primary(byok) → backup(system)',
    );
  });

  it('gives up at the total deadline', async () => {
    const { gateway, seen } = setup({ totalTimeoutMs: 40 });
    const response = await gateway.handle(
      httpRequest('/v1/chat/completions', chat('mock/echo:hang', { models: ['mock/echo'] })),
    );
    expect(response.status).toBe(504);
    expect(jsonOf(response).error).toMatchObject({
      message: 'The request exceeded the total deadline of 40 ms.',
    });
    expect(attemptSummary(seen.context)).toEqual(['mock:echo:hang:504']);
  });

  it('stops at once, without retry or fallback, when the client aborts', async () => {
    const { gateway, seen, mock, sleeps } = setup();
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 20);
    const response = await gateway.handle(
      httpRequest('/v1/chat/completions', chat('mock/echo:hang', { models: ['mock/echo'] }), {
        signal: controller.signal,
      }),
    );
    expect(response.status).toBe(499);
    expect(mock.calls).toHaveLength(1);
    expect(sleeps).toEqual([]);
    expect(attemptSummary(seen.context)).toEqual(['mock:echo:hang:499']);
  });
});

describe('router: streams and failures', () => {
  it('does not retry a stream that drops after its first token; the client gets an error event', async () => {
    const { gateway, mock, seen } = setup();
    const response = await gateway.handle(
      httpRequest('/v1/chat/completions', chat('mock/echo:drop-1', { stream: true, models: ['mock/echo'] })),
    );
    expect(response.status).toBe(200);
    const text = await sseOf(response);
    expect(text).toContain('"finish_reason":"error"');
    expect(text).toContain('[DONE]');
    expect(mock.calls).toHaveLength(1);
    expect(attemptSummary(seen.context)).toEqual(['mock:echo:drop-1:200']);
  });

  it('answers the most meaningful status when all fail, listing the attempts', async () => {
    const { gateway, seen } = setup({ retries: 0, maxRetryAfterMs: 1000 });
    const response = await gateway.handle(
      httpRequest(
        '/v1/chat/completions',
        chat('mock/echo:status-503', {
          models: ['mock/echo:status-429:retry-after-30', 'mock/echo:status-500'],
        }),
      ),
    );
    expect(response.status).toBe(429);
    expect(response.headers['retry-after']).toBe('30');
    const error = jsonOf(response).error as Record<string, unknown>;
    expect(error.code).toBe('all_providers_failed');
    expect(error.message).toMatch(
      /^All 3 attempts failed: mock\/echo:status-503 via mock \(echo:status-503\): 503 /,
    );
    expect(error.message).toContain('mock/echo:status-500 via mock (echo:status-500): 500');
    expect(seen.context?.attempts).toHaveLength(3);
  });

  it('answers in the Anthropic shape on /v1/messages', async () => {
    const { gateway } = setup({ retries: 0 });
    const response = await gateway.handle(
      httpRequest(
        '/v1/messages',
        message('mock/echo:status-500', { fallbacks: [{ model: 'mock/echo:status-502' }] }),
        {
          headers: { 'anthropic-version': '2023-06-01' },
        },
      ),
    );
    expect(response.status).toBe(502);
    expect(jsonOf(response)).toMatchObject({ type: 'error', error: { type: 'api_error' } });
  });

  it('strips the routing fields before the provider sees the request', async () => {
    const { gateway, mock } = setup();
    await gateway.handle(
      httpRequest(
        '/v1/chat/completions',
        chat('mock/echo', {
          models: ['mock/echo'],
          provider: { sort: 'price' },
          providerOptions: { gateway: {} },
          store: true,
        }),
      ),
    );
    expect(mock.calls[0]?.request.source?.extraFields).toEqual({ store: true });
  });
});
