import { createGateway, type GatewayContext, type GatewayMiddleware } from '@signalbox/core';
import { createMockProvider } from '@signalbox/provider-mock';
import { describe, expect, it } from 'vitest';
import { responseCache } from './response-cache.js';
import type { ResponseCacheOptions } from './response-cache-options.js';
import { framesOf, post, record, streamedText } from './test-support.js';

const CACHE = { 'x-signalbox-cache': 'true' };
const chat = (content: string, extra: Record<string, unknown> = {}) => ({
  model: 'mock/echo',
  messages: [{ role: 'user', content }],
  ...extra,
});
const message = (content: string, extra: Record<string, unknown> = {}) => ({
  model: 'mock/echo',
  max_tokens: 100,
  messages: [{ role: 'user', content }],
  ...extra,
});

/** A gateway with the cache and a spy that sees the context after the cache answered. */
function setup(options: ResponseCacheOptions = {}) {
  const mock = createMockProvider();
  const seen: GatewayContext[] = [];
  const spy: GatewayMiddleware = async (context, next) => {
    await next();
    seen.push(context);
  };
  const gateway = createGateway({ providers: [mock], use: [spy, responseCache(options)] });
  return { gateway, mock, seen };
}

describe('responseCache: streams', () => {
  const streamed = (content: string) =>
    chat(content, { stream: true, stream_options: { include_usage: true } });

  it('records a stream and replays it as a stream with 0 usage and the cache metadata', async () => {
    const { gateway, mock } = setup();
    const miss = await post(gateway, '/v1/chat/completions', streamed('one two three'), { headers: CACHE });
    expect(miss.headers['x-signalbox-cache-status']).toBe('MISS');
    const missFrames = await framesOf(miss);
    const hit = await post(gateway, '/v1/chat/completions', streamed('one two three'), { headers: CACHE });
    expect(hit.headers['x-signalbox-cache-status']).toBe('HIT');
    const frames = await framesOf(hit);
    expect(mock.calls).toHaveLength(1);
    expect(streamedText(frames)).toBe('echo: one two three');
    expect(streamedText(frames)).toBe(streamedText(missFrames));
    expect(frames.at(-1)?.data).toBe('[DONE]');
    const usageChunk = record(frames.at(-2)?.data);
    expect(usageChunk.usage).toMatchObject({ prompt_tokens: 0, completion_tokens: 0, total_tokens: 0 });
    const finish = frames.find((frame) => {
      const choices = record(frame.data ?? {}).choices;
      return Array.isArray(choices) && record(choices[0] ?? {}).finish_reason === 'stop';
    });
    const delta = record(record((record(finish?.data).choices as unknown[])[0]).delta);
    expect(record(record(delta.provider_metadata).gateway).cache).toMatchObject({
      status: 'HIT',
      sourceGenerationId: miss.headers['x-signalbox-generation-id'],
      storedUsage: { outputTokens: 4 },
    });
    const ids = new Set(
      frames.filter((frame) => typeof frame.data === 'object').map((frame) => record(frame.data).id),
    );
    expect(ids.size).toBe(1);
    expect(ids.has(record(missFrames[0]?.data).id)).toBe(false);
  });

  it('replays Anthropic streams with a valid event sequence', async () => {
    const { gateway } = setup();
    const body = message('stream me', { stream: true });
    const missFrames = await framesOf(await post(gateway, '/v1/messages', body, { headers: CACHE }));
    const hit = await post(gateway, '/v1/messages', body, { headers: CACHE });
    const frames = await framesOf(hit);
    const events = frames.map((frame) => frame.event);
    expect(events).toEqual(missFrames.map((frame) => frame.event));
    expect(events[0]).toBe('message_start');
    expect(events.slice(-2)).toEqual(['message_delta', 'message_stop']);
    expect(streamedText(frames)).toBe('echo: stream me');
    const delta = record(frames.find((frame) => frame.event === 'message_delta')?.data);
    expect(delta.usage).toMatchObject({ output_tokens: 0, input_tokens: 0 });
    expect(record(record(delta.provider_metadata).gateway).cache).toMatchObject({ status: 'HIT' });
  });

  it('a plain entry never answers a streamed request (the stream flag is part of the key)', async () => {
    const { gateway, mock } = setup();
    await post(gateway, '/v1/chat/completions', chat('flag'), { headers: CACHE });
    const stream = await post(gateway, '/v1/chat/completions', streamed('flag'), { headers: CACHE });
    expect(stream.headers['x-signalbox-cache-status']).toBe('MISS');
    await framesOf(stream);
    expect(mock.calls).toHaveLength(2);
  });

  it.each([
    ['truncated', 'mock/echo:truncate'],
    ['dropped', 'mock/echo:drop-2'],
  ])('does not store a %s stream', async (_name, model) => {
    const { gateway, mock } = setup();
    const body = { model, messages: [{ role: 'user', content: 'one two three four' }], stream: true };
    await framesOf(await post(gateway, '/v1/chat/completions', body, { headers: CACHE }));
    const again = await post(gateway, '/v1/chat/completions', body, { headers: CACHE });
    expect(again.headers['x-signalbox-cache-status']).toBe('MISS');
    await framesOf(again);
    expect(mock.calls).toHaveLength(2);
  });

  it('does not store a stream the client abandoned', async () => {
    const { gateway, mock } = setup();
    const body = {
      model: 'mock/echo:drip-20',
      messages: [{ role: 'user', content: 'a b c d e f' }],
      stream: true,
    };
    const controller = new AbortController();
    const response = await post(gateway, '/v1/chat/completions', body, {
      headers: CACHE,
      signal: controller.signal,
    });
    if (response.body.type !== 'sse') throw new Error('expected a stream');
    const iterator = response.body.events[Symbol.asyncIterator]();
    await iterator.next();
    controller.abort();
    await iterator.return?.();
    await new Promise((resolve) => setTimeout(resolve, 80));
    expect(mock.calls[0]?.signal.aborted).toBe(true);
    const again = await post(
      gateway,
      '/v1/chat/completions',
      { ...body, model: 'mock/echo' },
      { headers: CACHE },
    );
    expect(again.headers['x-signalbox-cache-status']).toBe('MISS');
    expect(mock.calls).toHaveLength(2);
  });

  it('does not store a stream over maxEntryBytes', async () => {
    const { gateway, mock } = setup({ maxEntryBytes: 200 });
    const body = streamed('many words to make the recorded stream larger than the limit');
    expect(
      streamedText(await framesOf(await post(gateway, '/v1/chat/completions', body, { headers: CACHE }))),
    ).toContain('limit');
    const again = await post(gateway, '/v1/chat/completions', body, { headers: CACHE });
    expect(again.headers['x-signalbox-cache-status']).toBe('MISS');
    await framesOf(again);
    expect(mock.calls).toHaveLength(2);
  });
});
