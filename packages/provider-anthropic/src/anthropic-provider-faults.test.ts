import { type ChatRequest, GatewayError, type ProviderCall, UpstreamCallError } from '@signalbox/core';
import { collectStream, type FakeUpstream, startFakeAnthropic, withTimeout } from '@signalbox/testing';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type AnthropicProvider, createAnthropic } from './anthropic-provider.js';

let upstream: FakeUpstream;
let anthropic: AnthropicProvider;

beforeAll(async () => {
  upstream = await startFakeAnthropic({ apiKey: 'sk-ant-test' });
  anthropic = createAnthropic({ apiKey: 'sk-ant-test', baseURL: upstream.url });
});
afterAll(async () => {
  await anthropic.close();
  await upstream.close();
});
beforeEach(() => upstream.reset());

function call(
  modelId: string,
  overrides: Partial<ChatRequest> = {},
  signal = new AbortController().signal,
): ProviderCall {
  return {
    modelId,
    signal,
    request: {
      model: `anthropic/${modelId}`,
      messages: [{ role: 'user', content: [{ type: 'text', text: 'one two three four five six seven' }] }],
      stream: false,
      ...overrides,
    },
  };
}

async function failure(promise: Promise<unknown>): Promise<UpstreamCallError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  if (!UpstreamCallError.isInstance(error))
    throw new Error(`expected an UpstreamCallError, got ${String(error)}`);
  return error;
}

describe.each(['generate', 'stream'] as const)('%s: upstream errors', (method) => {
  const run = (modelId: string, overrides: Partial<ChatRequest> = {}) =>
    anthropic[method](call(modelId, { stream: method === 'stream', ...overrides }));

  it("keeps a 400 with Anthropic's message, not retryable", async () => {
    const error = await failure(run('claude-haiku-4-5', { maxOutputTokens: 0 }));
    expect(error).toMatchObject({
      status: 400,
      upstreamStatus: 400,
      isRetryable: false,
      code: 'invalid_request_error',
      provider: 'anthropic',
    });
    expect(error.message).toMatch(/max_tokens/);
  });

  it('maps an upstream 401 (the gateway key) to a 502 upstream_authentication_failed', async () => {
    const wrong = createAnthropic({ apiKey: 'sk-ant-wrong', baseURL: upstream.url });
    const error = await failure(wrong[method](call('claude-haiku-4-5', { stream: method === 'stream' })));
    expect(error).toMatchObject({
      status: 502,
      code: 'upstream_authentication_failed',
      upstreamStatus: 401,
      isRetryable: false,
    });
    expect(error.message).toContain("gateway's anthropic credentials were rejected");
    await wrong.close();
  });

  it('reads Retry-After on a 429', async () => {
    expect(await failure(run('claude-haiku-4-5:status-429:retry-after-2'))).toMatchObject({
      status: 429,
      isRetryable: true,
      retryAfter: 2,
      code: 'rate_limit_error',
    });
  });

  it('marks a 500 and a 529 overloaded_error retryable', async () => {
    expect(await failure(run('claude-haiku-4-5:status-500'))).toMatchObject({
      status: 500,
      isRetryable: true,
    });
    expect(await failure(run('claude-haiku-4-5:status-529'))).toMatchObject({
      status: 529,
      type: 'overloaded_error',
      code: 'overloaded_error',
      isRetryable: true,
      message: 'Overloaded',
    });
  });

  it('maps a connection reset to a retryable 502', async () => {
    expect(await failure(run('claude-haiku-4-5:reset'))).toMatchObject({
      status: 502,
      code: 'upstream_connection_error',
      isRetryable: true,
    });
  });

  it('settles at once when aborted, and the upstream sees the abort within 1 s', async () => {
    const controller = new AbortController();
    const reason = new DOMException('The client went away', 'AbortError');
    const pending: Promise<unknown> = anthropic[method](
      call('claude-haiku-4-5:hang', { stream: method === 'stream' }, controller.signal),
    );
    await expect.poll(() => upstream.counters.inFlight, { timeout: 1000 }).toBe(1);
    controller.abort(reason);
    await expect(withTimeout(pending, 500, 'did not settle')).rejects.toBe(reason);
    await expect.poll(() => upstream.counters.aborted, { timeout: 1000, interval: 10 }).toBe(1);
  });
});

describe('generate: bad bodies', () => {
  it('turns a body that is not JSON into a retryable 502', async () => {
    expect(await failure(anthropic.generate(call('claude-haiku-4-5:bad-json')))).toMatchObject({
      status: 502,
      isRetryable: true,
      message: 'Invalid JSON from anthropic.',
    });
  });

  it('turns a dropped body into a retryable 502', async () => {
    expect(await failure(anthropic.generate(call('claude-haiku-4-5:drop-1')))).toMatchObject({
      status: 502,
      isRetryable: true,
    });
  });
});

describe('stream: mid-stream failures are error parts', () => {
  async function partsOf(modelId: string) {
    const result = await anthropic.stream(call(modelId, { stream: true }));
    return withTimeout(collectStream(result.stream), 5000, 'the stream did not end');
  }

  it('a dropped connection yields text, then an error part, no finish', async () => {
    const parts = await partsOf('claude-haiku-4-5:drop-2');
    expect(parts.filter((part) => part.type === 'text-delta')).toHaveLength(2);
    const last = parts.at(-1);
    expect(last?.type === 'error' && GatewayError.isInstance(last.error) && last.error.isRetryable).toBe(
      true,
    );
    expect(parts.some((part) => part.type === 'finish')).toBe(false);
  });

  it('a truncated stream yields an error part', async () => {
    const parts = await partsOf('claude-haiku-4-5:truncate');
    expect(parts.at(-1)).toMatchObject({ type: 'error' });
    expect(parts.some((part) => part.type === 'finish')).toBe(false);
  });

  it('an event that is not JSON yields an error part', async () => {
    expect((await partsOf('claude-haiku-4-5:bad-json')).at(-1)).toMatchObject({ type: 'error' });
  });

  it('closes the upstream socket when the consumer stops reading', async () => {
    const result = await anthropic.stream(call('claude-haiku-4-5:drip-50', { stream: true }));
    for await (const part of result.stream) if (part.type === 'text-delta') break;
    await expect.poll(() => upstream.counters.aborted, { timeout: 1000, interval: 10 }).toBe(1);
  });

  it('reuses the connection after complete streams (nothing aborted)', async () => {
    for (let index = 0; index < 3; index += 1) {
      await collectStream((await anthropic.stream(call('claude-haiku-4-5', { stream: true }))).stream);
    }
    expect(upstream.counters.aborted).toBe(0);
  });
});
