import { type ChatRequest, GatewayError, type ProviderCall, UpstreamCallError } from '@signalbox/core';
import { collectStream, type FakeUpstream, startFakeOpenAI, withTimeout } from '@signalbox/testing';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createOpenAI, type OpenAIProvider } from './openai-provider.js';

let upstream: FakeUpstream;
let openai: OpenAIProvider;

beforeAll(async () => {
  upstream = await startFakeOpenAI({ apiKey: 'sk-test' });
  openai = createOpenAI({ apiKey: 'sk-test', baseURL: upstream.baseURL });
});
afterAll(async () => {
  await openai.close();
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
      model: `openai/${modelId}`,
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
    openai[method](call(modelId, { stream: method === 'stream', ...overrides }));

  it("keeps a 400 with the provider's message, not retryable", async () => {
    const error = await failure(run('gpt-4o-mini', { temperature: 3 }));
    expect(error).toMatchObject({ status: 400, upstreamStatus: 400, isRetryable: false, provider: 'openai' });
    expect(error.message).toMatch(/temperature/);
    expect(error.param).toBe('temperature');
  });

  it('maps an upstream 401 (the gateway key) to a 502 upstream_authentication_failed', async () => {
    const wrong = createOpenAI({ apiKey: 'sk-wrong-key-123', baseURL: upstream.baseURL });
    const error = await failure(wrong[method](call('gpt-4o-mini', { stream: method === 'stream' })));
    expect(error).toMatchObject({
      status: 502,
      type: 'upstream_error',
      code: 'upstream_authentication_failed',
      upstreamStatus: 401,
    });
    expect(error.message).toContain("gateway's openai credentials were rejected");
    expect(error.message).not.toContain('sk-');
    await wrong.close();
  });

  it('reads Retry-After on a 429', async () => {
    const error = await failure(run('gpt-4o-mini:status-429:retry-after-1'));
    expect(error).toMatchObject({ status: 429, isRetryable: true, retryAfter: 1, type: 'rate_limit_error' });
    expect(error.message).toMatch(/Rate limit reached/);
  });

  it('marks a 500 and a 503 retryable', async () => {
    expect(await failure(run('gpt-4o-mini:status-500'))).toMatchObject({ status: 500, isRetryable: true });
    expect(await failure(run('gpt-4o-mini:status-503'))).toMatchObject({ status: 503, isRetryable: true });
  });

  it('maps a connection reset to a retryable 502', async () => {
    expect(await failure(run('gpt-4o-mini:reset'))).toMatchObject({
      status: 502,
      code: 'upstream_connection_error',
      isRetryable: true,
      upstreamStatus: undefined,
    });
  });

  it('settles at once when aborted, and the upstream sees the abort within 1 s', async () => {
    const controller = new AbortController();
    const reason = new DOMException('The client went away', 'AbortError');
    const pending: Promise<unknown> = openai[method](
      call('gpt-4o-mini:hang', { stream: method === 'stream' }, controller.signal),
    );
    await expect.poll(() => upstream.counters.inFlight, { timeout: 1000 }).toBe(1);
    controller.abort(reason);
    await expect(withTimeout(pending, 500, 'did not settle')).rejects.toBe(reason);
    await expect.poll(() => upstream.counters.aborted, { timeout: 1000, interval: 10 }).toBe(1);
  });
});

describe('generate: bad bodies', () => {
  it('turns a body that is not JSON into a retryable 502', async () => {
    const error = await failure(openai.generate(call('gpt-4o-mini:bad-json')));
    expect(error).toMatchObject({ status: 502, isRetryable: true, message: 'Invalid JSON from openai.' });
  });

  it('turns a dropped or truncated body into a retryable 502', async () => {
    expect(await failure(openai.generate(call('gpt-4o-mini:drop-1')))).toMatchObject({
      status: 502,
      isRetryable: true,
    });
    expect(await failure(openai.generate(call('gpt-4o-mini:truncate')))).toMatchObject({
      status: 502,
      isRetryable: true,
    });
  });
});

describe('stream: mid-stream failures are error parts', () => {
  async function partsOf(modelId: string) {
    const result = await openai.stream(call(modelId, { stream: true }));
    return withTimeout(collectStream(result.stream), 5000, 'the stream did not end');
  }

  it('a dropped connection yields text, then an error part, no finish', async () => {
    const parts = await partsOf('gpt-4o-mini:drop-2');
    expect(parts.filter((part) => part.type === 'text-delta')).toHaveLength(2);
    const last = parts.at(-1);
    expect(last?.type).toBe('error');
    expect(last?.type === 'error' && GatewayError.isInstance(last.error) && last.error.isRetryable).toBe(
      true,
    );
    expect(parts.some((part) => part.type === 'finish')).toBe(false);
  });

  it('a truncated stream yields an error part', async () => {
    const parts = await partsOf('gpt-4o-mini:truncate');
    expect(parts.at(-1)).toMatchObject({ type: 'error' });
    expect(parts.some((part) => part.type === 'finish')).toBe(false);
  });

  it('a chunk that is not JSON yields an error part', async () => {
    const parts = await partsOf('gpt-4o-mini:bad-json');
    expect(parts.at(-1)).toMatchObject({ type: 'error' });
  });

  it('closes the upstream socket when the consumer stops reading', async () => {
    const result = await openai.stream(call('gpt-4o-mini:drip-50', { stream: true }));
    for await (const part of result.stream) if (part.type === 'text-delta') break;
    await expect.poll(() => upstream.counters.aborted, { timeout: 1000, interval: 10 }).toBe(1);
  });

  it('closes it too when the consumer drops the stream without reading it', async () => {
    const result = await openai.stream(call('gpt-4o-mini:drip-50', { stream: true }));
    await result.stream[Symbol.asyncIterator]().return?.();
    await expect.poll(() => upstream.counters.aborted, { timeout: 1000, interval: 10 }).toBe(1);
  });

  it('reuses the keep-alive connection after a complete stream', async () => {
    for (let index = 0; index < 3; index += 1) {
      await collectStream((await openai.stream(call('gpt-4o-mini', { stream: true }))).stream);
    }
    expect(upstream.counters.aborted).toBe(0);
  });
});
