import {
  createGateway,
  GatewayError,
  type GatewayMiddleware,
  type GatewayHttpResponse,
} from '@signalbox/core';
import { createMockProvider } from '@signalbox/provider-mock';
import { describe, expect, it } from 'vitest';
import type { CacheStore } from './cache-store.js';
import { MemoryCacheStore } from './memory-cache-store.js';
import { responseCache } from './response-cache.js';
import type { ResponseCacheOptions } from './response-cache-options.js';
import { framesOf, jsonOf, post, record, streamedText, tick } from './test-support.js';

const CACHE = { 'x-signalbox-cache': 'true' };
const body = (model: string, content: string, stream = false) => ({
  model,
  messages: [{ role: 'user', content }],
  ...(stream && { stream: true }),
});

function setup(options: ResponseCacheOptions = {}, inner: GatewayMiddleware[] = []) {
  const mock = createMockProvider();
  const gateway = createGateway({ providers: [mock], use: [responseCache(options), ...inner] });
  return { gateway, mock };
}

function contentOf(response: GatewayHttpResponse): unknown {
  return record((jsonOf(response).choices as unknown[])[0]).message;
}

describe('responseCache: coalescing identical requests in flight', () => {
  it('50 identical plain requests make one upstream call and all get the full answer', async () => {
    const { gateway, mock } = setup();
    const responses = await Promise.all(
      Array.from({ length: 50 }, () =>
        post(gateway, '/v1/chat/completions', body('mock/echo:delay-50', 'together'), { headers: CACHE }),
      ),
    );
    expect(mock.calls).toHaveLength(1);
    for (const response of responses) {
      expect(response.status).toBe(200);
      expect(contentOf(response)).toMatchObject({ content: 'echo: together' });
    }
    const statuses = responses.map((response) => response.headers['x-signalbox-cache-status']);
    expect(statuses.filter((status) => status === 'MISS')).toHaveLength(1);
    expect(statuses.filter((status) => status === 'HIT')).toHaveLength(49);
    const leader = responses.find((response) => response.headers['x-signalbox-cache-status'] === 'MISS');
    const follower = responses.find((response) => response.headers['x-signalbox-cache-status'] === 'HIT');
    expect(follower?.headers['x-signalbox-cache-source-id']).toBe(
      leader?.headers['x-signalbox-generation-id'],
    );
    expect(jsonOf(follower as GatewayHttpResponse).usage).toMatchObject({ total_tokens: 0 });
    const metadata = record(
      record(record(contentOf(follower as GatewayHttpResponse)).provider_metadata).gateway,
    );
    expect(metadata.cache).toMatchObject({ coalesced: true, ageSeconds: 0 });
  });

  it('50 identical streams make one upstream call; late joiners still get every part', async () => {
    const { gateway, mock } = setup();
    const request = () =>
      post(gateway, '/v1/chat/completions', body('mock/echo:drip-10', 'one two three four five', true), {
        headers: CACHE,
      });
    const early = Array.from({ length: 25 }, request);
    await tick(35); // the stream has started: a few words went out already
    const late = Array.from({ length: 25 }, request);
    const responses = await Promise.all([...early, ...late]);
    const texts = await Promise.all(
      responses.map(async (response) => streamedText(await framesOf(response))),
    );
    expect(mock.calls).toHaveLength(1);
    for (const text of texts) expect(text).toBe('echo: one two three four five');
    expect(
      responses.filter((response) => response.headers['x-signalbox-cache-status'] === 'HIT'),
    ).toHaveLength(49);
  });

  it('the leader client leaving does not cut off the followers (plain)', async () => {
    const { gateway, mock } = setup();
    const leaderClient = new AbortController();
    const leader = post(gateway, '/v1/chat/completions', body('mock/echo:delay-60', 'stay'), {
      headers: CACHE,
      signal: leaderClient.signal,
    });
    await tick(5);
    const followers = Array.from({ length: 3 }, () =>
      post(gateway, '/v1/chat/completions', body('mock/echo:delay-60', 'stay'), { headers: CACHE }),
    );
    await tick(5);
    leaderClient.abort();
    for (const response of await Promise.all(followers)) {
      expect(response.status).toBe(200);
      expect(contentOf(response)).toMatchObject({ content: 'echo: stay' });
    }
    await leader;
    expect(mock.calls).toHaveLength(1);
    expect(mock.calls[0]?.signal.aborted).toBe(false);
  });

  it('the leader client leaving mid-stream does not cut off the followers', async () => {
    const { gateway, mock } = setup();
    const model = 'mock/echo:drip-15';
    const leaderClient = new AbortController();
    const leader = await post(gateway, '/v1/chat/completions', body(model, 'a b c d e', true), {
      headers: CACHE,
      signal: leaderClient.signal,
    });
    const follower = post(gateway, '/v1/chat/completions', body(model, 'a b c d e', true), {
      headers: CACHE,
    });
    if (leader.body.type !== 'sse') throw new Error('expected a stream');
    const iterator = leader.body.events[Symbol.asyncIterator]();
    await iterator.next();
    leaderClient.abort();
    await iterator.return?.();
    expect(streamedText(await framesOf(await follower))).toBe('echo: a b c d e');
    expect(mock.calls).toHaveLength(1);
    expect(mock.calls[0]?.signal.aborted).toBe(false);
  });

  it('when every client leaves, the shared upstream call is aborted', async () => {
    const { gateway, mock } = setup();
    const clients = [new AbortController(), new AbortController()];
    const pending = clients.map((client) =>
      post(gateway, '/v1/chat/completions', body('mock/echo:hang', 'gone'), {
        headers: CACHE,
        signal: client.signal,
      }),
    );
    await tick(10);
    for (const client of clients) client.abort();
    await Promise.all(pending);
    expect(mock.calls).toHaveLength(1);
    expect(mock.calls[0]?.signal.aborted).toBe(true);
    // A new request starts afresh rather than joining the abandoned call.
    const fresh = await post(gateway, '/v1/chat/completions', body('mock/echo', 'gone'), { headers: CACHE });
    expect(fresh.status).toBe(200);
  });

  it('a leader that fails with an upstream error gives every follower the same error in its own shape', async () => {
    const { gateway, mock } = setup();
    const model = 'mock/echo:delay-30:status-429';
    const openai = Array.from({ length: 3 }, () =>
      post(gateway, '/v1/chat/completions', body(model, 'no'), { headers: CACHE }),
    );
    const anthropic = post(
      gateway,
      '/v1/messages',
      { ...body(model, 'no'), max_tokens: 10 },
      { headers: CACHE },
    );
    const responses = await Promise.all(openai);
    for (const response of responses) {
      expect(response.status).toBe(429);
      expect(jsonOf(response).error).toBeDefined();
    }
    const other = await anthropic;
    expect(other.status).toBe(429);
    expect(jsonOf(other)).toMatchObject({ type: 'error', error: { type: 'rate_limit_error' } });
    // OpenAI and Anthropic requests have different keys: two calls, not four.
    expect(mock.calls).toHaveLength(2);
  });

  it('a leader that fails for its own reasons hands over: a follower retries as the new leader', async () => {
    let failures = 1;
    const flaky: GatewayMiddleware = async (_context, next) => {
      await tick(20);
      if (failures > 0) {
        failures -= 1;
        throw new Error('leader-only failure');
      }
      await next();
    };
    const { gateway, mock } = setup({}, [flaky]);
    const responses = await Promise.all(
      Array.from({ length: 4 }, () =>
        post(gateway, '/v1/chat/completions', body('mock/echo', 'retry'), { headers: CACHE }),
      ),
    );
    expect(responses.map((response) => response.status).sort()).toEqual([200, 200, 200, 500]);
    expect(mock.calls).toHaveLength(1);
  });

  it('a stream past maxEntryBytes is not joinable: a late request runs its own call', async () => {
    const { gateway, mock } = setup({ maxEntryBytes: 300 });
    const words = Array.from({ length: 20 }, (_, index) => `word${index}`).join(' ');
    const first = post(gateway, '/v1/chat/completions', body('mock/echo:drip-5', words, true), {
      headers: CACHE,
    });
    await tick(60);
    const second = post(gateway, '/v1/chat/completions', body('mock/echo:drip-5', words, true), {
      headers: CACHE,
    });
    const texts = await Promise.all(
      [first, second].map(async (response) => streamedText(await framesOf(await response))),
    );
    expect(texts).toEqual([`echo: ${words}`, `echo: ${words}`]);
    expect(mock.calls).toHaveLength(2);
  });

  it('a follower that joins and leaves during the store lookup does not end the flight', async () => {
    const memory = new MemoryCacheStore();
    const slow: CacheStore = {
      get: async (key) => {
        await tick(30);
        return memory.get(key);
      },
      set: (key, entry, ttl) => memory.set(key, entry, ttl),
      delete: (key) => memory.delete(key),
    };
    const { gateway, mock } = setup({ store: slow });
    const leader = post(gateway, '/v1/chat/completions', body('mock/echo', 'lookup'), { headers: CACHE });
    const client = new AbortController();
    const follower = post(gateway, '/v1/chat/completions', body('mock/echo', 'lookup'), {
      headers: CACHE,
      signal: client.signal,
    });
    await tick(5);
    client.abort();
    expect((await follower).status).toBe(499);
    const response = await leader;
    expect(response.status).toBe(200);
    expect(contentOf(response)).toMatchObject({ content: 'echo: lookup' });
    expect(mock.calls[0]?.signal.aborted).toBe(false);
  });

  it('coalesce: false sends every request upstream', async () => {
    const { gateway, mock } = setup({ coalesce: false });
    await Promise.all(
      Array.from({ length: 3 }, () =>
        post(gateway, '/v1/chat/completions', body('mock/echo:delay-20', 'solo'), { headers: CACHE }),
      ),
    );
    expect(mock.calls).toHaveLength(3);
  });

  it('the signal the upstream sees is the flight signal, not the leader client signal', async () => {
    const signals: AbortSignal[] = [];
    const capture: GatewayMiddleware = async (context, next) => {
      signals.push(context.signal);
      await next();
    };
    const { gateway } = setup({}, [capture]);
    const client = new AbortController();
    await post(gateway, '/v1/chat/completions', body('mock/echo', 'signal'), {
      headers: CACHE,
      signal: client.signal,
    });
    expect(signals[0]).not.toBe(client.signal);
    expect(GatewayError.isInstance(new GatewayError('x', { status: 400 }))).toBe(true);
  });
});
