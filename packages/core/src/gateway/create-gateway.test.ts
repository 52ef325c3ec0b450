import { describe, expect, it } from 'vitest';
import { GatewayError } from '../errors/gateway-error.js';
import type { GenerateResult } from '../spec/v1/generate-result.js';
import type { ProviderAdapter, ProviderCall } from '../spec/v1/provider-adapter.js';
import type { StreamPart } from '../spec/v1/stream-part.js';
import type { GatewayContext, RequestOutcome } from './context.js';
import { createGateway } from './create-gateway.js';
import type { GatewayHttpRequest, GatewayHttpResponse } from './http.js';
import { defineMiddleware } from './middleware.js';

const usage = {
  inputTokens: { total: 5, noCache: 5, cacheRead: 0, cacheWrite: 0 },
  outputTokens: { total: 2, text: 2, reasoning: 0 },
};

function result(text: string): GenerateResult {
  return {
    content: [{ type: 'text', text }],
    finishReason: { unified: 'stop', raw: 'stop' },
    usage,
    warnings: [],
    response: { id: 'resp-1' },
  };
}

/** A tiny scripted adapter: `fail-<status>` fails before output, `late-fail` fails mid-stream. */
function scripted(name = 'test'): ProviderAdapter & { calls: ProviderCall[] } {
  const calls: ProviderCall[] = [];
  return {
    specificationVersion: 'v1',
    name,
    calls,
    async generate(call) {
      calls.push(call);
      const failure = /^fail-(\d+)$/.exec(call.modelId);
      if (failure) throw new GatewayError('scripted failure', { status: Number(failure[1]) });
      return result(`hi from ${call.modelId}`);
    },
    async stream(call) {
      calls.push(call);
      const failure = /^fail-(\d+)$/.exec(call.modelId);
      async function* parts(): AsyncGenerator<StreamPart> {
        yield { type: 'stream-start', warnings: [] };
        if (failure) {
          yield {
            type: 'error',
            error: new GatewayError('scripted failure', { status: Number(failure[1]) }),
          };
          return;
        }
        yield { type: 'text-start', id: 't' };
        yield { type: 'text-delta', id: 't', delta: 'hello ' };
        if (call.modelId === 'late-fail') {
          yield { type: 'error', error: new GatewayError('went away', { status: 502 }) };
          return;
        }
        yield { type: 'text-delta', id: 't', delta: 'world' };
        yield { type: 'text-end', id: 't' };
        yield { type: 'finish', finishReason: { unified: 'stop', raw: 'stop' }, usage };
      }
      return { stream: parts() };
    },
    async listModels() {
      return [{ id: 'one', name: 'One' }];
    },
  };
}

function post(path: string, body: unknown, headers: Record<string, string> = {}): GatewayHttpRequest {
  return {
    method: 'POST',
    path,
    query: new URLSearchParams(),
    headers: { 'content-type': 'application/json', ...headers },
    body: new TextEncoder().encode(JSON.stringify(body)),
    signal: new AbortController().signal,
  };
}

async function readSse(response: GatewayHttpResponse): Promise<string> {
  if (response.body.type !== 'sse') throw new Error(`expected sse, got ${response.body.type}`);
  let text = '';
  for await (const frame of response.body.events) text += frame;
  return text;
}

const chat = (model: string, extra: Record<string, unknown> = {}) => ({
  model,
  messages: [{ role: 'user', content: 'hi' }],
  ...extra,
});

describe('createGateway', () => {
  it('validates options at construction', () => {
    expect(() => createGateway({ providers: [scripted('a'), scripted('a')] })).toThrow(/unique/);
    expect(() => createGateway({ providers: [], use: ['nope' as never] })).toThrow(TypeError);
  });

  it('routes provider/model to the adapter and answers in the OpenAI shape', async () => {
    const provider = scripted();
    const gateway = createGateway({ providers: [provider] });
    const response = await gateway.handle(post('/chat/completions', chat('test/model-a')));
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({
      type: 'json',
      value: {
        object: 'chat.completion',
        model: 'test/model-a',
        choices: [{ message: { content: 'hi from model-a' } }],
      },
    });
    expect(provider.calls[0]?.modelId).toBe('model-a');
    expect(response.headers['x-signalbox-generation-id']).toMatch(/^gen_/);
  });

  it('accepts paths with a /v1 prefix and a trailing slash', async () => {
    const gateway = createGateway({ providers: [scripted()] });
    expect((await gateway.handle(post('/v1/chat/completions/', chat('test/x')))).status).toBe(200);
  });

  it('resolves aliases', async () => {
    const provider = scripted();
    const gateway = createGateway({ providers: [provider], models: { fast: 'test/quick' } });
    await gateway.handle(post('/chat/completions', chat('fast')));
    expect(provider.calls[0]?.modelId).toBe('quick');
  });

  it('answers unknown models 404, unknown paths 404 and wrong methods 405', async () => {
    const gateway = createGateway({ providers: [scripted()] });
    const unknownModel = await gateway.handle(post('/chat/completions', chat('nope/x')));
    expect(unknownModel.status).toBe(404);
    expect(unknownModel.body).toMatchObject({
      value: { error: { code: 'model_not_found', param: 'model' } },
    });
    expect((await gateway.handle(post('/nothing', {}))).status).toBe(404);
    expect((await gateway.handle({ ...post('/messages', {}), method: 'GET' })).status).toBe(405);
  });

  it('turns a failure before the first token into a real status, streaming or not', async () => {
    const gateway = createGateway({ providers: [scripted()] });
    for (const stream of [false, true]) {
      const response = await gateway.handle(post('/chat/completions', chat('test/fail-429', { stream })));
      expect(response.status).toBe(429);
      expect(response.body.type).toBe('json');
    }
  });

  it('streams SSE and ends a late failure with an error chunk and [DONE]', async () => {
    const gateway = createGateway({ providers: [scripted()] });
    const ok = await gateway.handle(post('/chat/completions', chat('test/a', { stream: true })));
    expect(ok.headers['content-type']).toContain('text/event-stream');
    const text = await readSse(ok);
    expect(text).toContain('"content":"hello "');
    expect(text.endsWith('data: [DONE]\n\n')).toBe(true);

    const late = await readSse(
      await gateway.handle(post('/chat/completions', chat('test/late-fail', { stream: true }))),
    );
    expect(late).toContain('"finish_reason":"error"');
    expect(late.endsWith('data: [DONE]\n\n')).toBe(true);
  });

  it('runs middlewares as an onion, lets them extend the response and calls onDone once', async () => {
    const order: string[] = [];
    const outcomes: RequestOutcome[] = [];
    const gateway = createGateway({
      providers: [scripted()],
      use: [
        defineMiddleware('outer', async (context: GatewayContext, next) => {
          order.push('outer:in');
          context.onDone.push((_ctx, outcome) => {
            outcomes.push(outcome);
          });
          context.extenders.push((ctx) => ({
            body: { provider: ctx.resolved?.provider },
            usage: { cost: 0.5 },
          }));
          await next();
          order.push(`outer:out:${context.usage?.outputTokens.total}`);
        }),
        defineMiddleware('inner', async (_context: GatewayContext, next) => {
          order.push('inner:in');
          await next();
          order.push('inner:out');
        }),
      ],
    });
    const response = await gateway.handle(post('/chat/completions', chat('test/a')));
    expect(order).toEqual(['outer:in', 'inner:in', 'inner:out', 'outer:out:2']);
    expect(response.body).toMatchObject({
      value: { provider: 'test', usage: { cost: 0.5, completion_tokens: 2 } },
    });
    expect(outcomes).toEqual([{ status: 200, aborted: false }]);

    await readSse(await gateway.handle(post('/chat/completions', chat('test/a', { stream: true }))));
    expect(outcomes).toHaveLength(2);
    expect(outcomes[1]).toMatchObject({ status: 200, aborted: false });
  });

  it('reports an abandoned stream as aborted to onDone', async () => {
    const outcomes: RequestOutcome[] = [];
    const gateway = createGateway({
      providers: [scripted()],
      use: [
        async (context: GatewayContext, next: () => Promise<void>) => {
          context.onDone.push((_ctx, outcome) => {
            outcomes.push(outcome);
          });
          await next();
        },
      ],
    });
    const response = await gateway.handle(post('/chat/completions', chat('test/a', { stream: true })));
    if (response.body.type !== 'sse') throw new Error('expected sse');
    const iterator = response.body.events[Symbol.asyncIterator]();
    await iterator.next();
    await iterator.return?.();
    expect(outcomes).toEqual([{ status: 200, aborted: true, error: undefined }]);
  });

  it('does not log a client that went away as an unhandled error', async () => {
    const logged: string[] = [];
    const controller = new AbortController();
    const hanging: ProviderAdapter = {
      ...scripted(),
      generate: (call) =>
        new Promise((_resolve, reject) => {
          call.signal.addEventListener('abort', () => reject(call.signal.reason), { once: true });
          controller.abort(new DOMException('The client disconnected', 'AbortError'));
        }),
    };
    const gateway = createGateway({
      providers: [hanging],
      logger: { warn: (message) => logged.push(message), error: (message) => logged.push(message) },
    });
    const response = await gateway.handle({
      ...post('/chat/completions', chat('test/a')),
      signal: controller.signal,
    });
    expect(response.status).toBe(500);
    expect(logged).toEqual([]);
  });

  it('lets a middleware answer by itself, and serves extra routes behind scope-all middlewares', async () => {
    const gateway = createGateway({
      providers: [scripted()],
      use: [
        defineMiddleware(
          'guard',
          async (context, next) => {
            if (context.http.headers['x-block'] === 'yes') throw new GatewayError('blocked', { status: 403 });
            await next();
          },
          {
            scope: 'all',
            routes: [
              {
                method: 'GET',
                path: '/things/:id',
                handler: async (_context, params) => ({
                  status: 200,
                  headers: {},
                  body: { type: 'json', value: params },
                }),
              },
            ],
          },
        ),
        async (context: GatewayContext, next: () => Promise<void>) => {
          if (context.request.model === 'short/circuit') {
            context.response = {
              status: 200,
              headers: { 'x-short': '1' },
              body: { type: 'json', value: { ok: true } },
            };
            return;
          }
          await next();
        },
      ],
    });
    const short = await gateway.handle(post('/chat/completions', chat('short/circuit')));
    expect(short).toMatchObject({ status: 200, headers: { 'x-short': '1' }, body: { value: { ok: true } } });
    const get = (headers: Record<string, string>) =>
      gateway.handle({ ...post('/things/42', {}), method: 'GET', body: undefined, headers });
    expect((await get({})).body).toMatchObject({ value: { id: '42' } });
    expect((await get({ 'x-block': 'yes' })).status).toBe(403);
    const malformed = await gateway.handle({ ...post('/things/%E0', {}), method: 'GET', body: undefined });
    expect(malformed.status).toBe(400);
  });

  it('lists models in the OpenAI shape, or Anthropic when anthropic-version is sent', async () => {
    const gateway = createGateway({ providers: [scripted()], models: { alias: 'test/one' } });
    const get = (headers: Record<string, string>) =>
      gateway.handle({ ...post('/models', {}), method: 'GET', body: undefined, headers });
    expect((await get({})).body).toMatchObject({
      value: {
        object: 'list',
        data: [{ id: 'test/one', object: 'model', owned_by: 'test' }, { id: 'alias' }],
      },
    });
    expect((await get({ 'anthropic-version': '2023-06-01' })).body).toMatchObject({
      value: {
        data: [{ type: 'model', id: 'test/one', display_name: 'One' }, { id: 'alias' }],
        has_more: false,
      },
    });
  });

  it('passes forwarded headers and unknown fields only to a provider of the same format', async () => {
    const provider = { ...scripted('oa'), format: 'openai' as const };
    const gateway = createGateway({ providers: [provider] });
    await gateway.handle(
      post('/chat/completions', chat('oa/m', { logit_bias: { '1': 2 } }), { 'openai-organization': 'org-1' }),
    );
    // Account headers travel only with the principal's own key (BYOK), never on the operator's key.
    expect(provider.calls[0]?.headers).toBeUndefined();
    expect(provider.calls[0]?.request.source?.extraFields).toMatchObject({ logit_bias: { '1': 2 } });
    await gateway.handle({
      ...post('/chat/completions', chat('oa/m'), { 'openai-organization': 'org-1', 'openai-beta': 'x' }),
      principal: { id: 'u', kind: 'user', providerKeys: { oa: 'sk-own' } },
    });
    expect(provider.calls[1]?.headers).toEqual({ 'openai-organization': 'org-1' });
    expect(provider.calls[1]?.apiKey).toBe('sk-own');
  });
});
