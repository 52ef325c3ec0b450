import type { GatewayContext, StreamPart } from '@signalbox/core';
import { describe, expect, it } from 'vitest';
import type { CacheEntry } from './cache-entry.js';
import { Flight } from './flight.js';
import { serveEntry, serveLive } from './serve-hit.js';
import { StreamBroadcast } from './stream-broadcast.js';

const usage = {
  inputTokens: { total: 7, noCache: 7, cacheRead: 0, cacheWrite: 0 },
  outputTokens: { total: 2, text: 2, reasoning: 0 },
};
const finish: StreamPart = { type: 'finish', finishReason: { unified: 'stop', raw: 'stop' }, usage };

function context(): GatewayContext {
  return {
    format: 'openai',
    generationId: 'gen_new',
    responseHeaders: {},
    state: {},
    extenders: [],
    timings: { start: 0 },
    signal: new AbortController().signal,
  } as unknown as GatewayContext;
}

async function read(stream: AsyncIterable<StreamPart> | undefined): Promise<StreamPart[]> {
  const parts: StreamPart[] = [];
  for await (const part of stream ?? []) parts.push(part);
  return parts;
}

const settings = { prefixes: ['x-signalbox-'], key: 'k', now: 10_500 };

describe('serveEntry', () => {
  it('answers from a stored stream with 0 usage, the stored target, headers and state', async () => {
    const entry: CacheEntry = {
      version: 1,
      kind: 'stream',
      parts: [{ type: 'text-delta', id: 't', delta: 'hi' }, finish],
      generationId: 'gen_old',
      createdAt: 0,
      expiresAt: 60_000,
      resolved: { model: 'mock/echo', provider: 'mock', providerModelId: 'echo' },
      responseModel: 'mock/echo',
      usage,
      bytes: 10,
    };
    const current = context();
    serveEntry(current, entry, false, settings);
    expect(current.cacheStatus).toBe('HIT');
    expect(current.usage?.inputTokens.total).toBe(0);
    expect(current.resolved?.provider).toBe('mock');
    expect(current.responseModel).toBe('mock/echo');
    expect(current.timings.firstToken).toBe(10_500);
    expect(current.responseHeaders).toEqual({
      'x-signalbox-cache-status': 'HIT',
      'x-signalbox-cache-ttl': '50',
      'x-signalbox-cache-age': '10',
      'x-signalbox-cache-source-id': 'gen_old',
    });
    expect(current.state.cache).toEqual({
      status: 'HIT',
      key: 'k',
      sourceGenerationId: 'gen_old',
      coalesced: false,
      storedUsage: usage,
    });
    const parts = await read(current.stream);
    expect(parts[1]).toMatchObject({ type: 'finish', usage: { inputTokens: { total: 0 } } });
  });
});

describe('serveLive', () => {
  it('follows a live stream and learns the stored usage from its finish part', async () => {
    const broadcast = new StreamBroadcast({ maxBytes: 10_000 });
    const flight = new Flight();
    const current = context();
    serveLive(
      current,
      broadcast,
      { generationId: 'gen_leader', createdAt: 0 },
      flight.join(current.signal),
      300,
      settings,
    );
    broadcast.push({ type: 'text-delta', id: 't', delta: 'hi' });
    broadcast.push(finish);
    broadcast.end();
    const parts = await read(current.stream);
    expect(parts.at(-1)).toMatchObject({ type: 'finish', usage: { outputTokens: { total: 0 } } });
    expect(current.state.cache).toMatchObject({ status: 'HIT', coalesced: true, storedUsage: usage });
    expect(current.responseHeaders['x-signalbox-cache-source-id']).toBe('gen_leader');
    const extension = current.extenders[0]?.(current);
    expect(extension?.message?.provider_metadata).toMatchObject({
      gateway: { cache: { coalesced: true, storedUsage: { inputTokens: 7, outputTokens: 2 } } },
    });
  });
});
