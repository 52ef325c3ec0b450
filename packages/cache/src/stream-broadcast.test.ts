import type { StreamPart } from '@signalbox/core';
import { describe, expect, it } from 'vitest';
import { StreamBroadcast } from './stream-broadcast.js';
import { tick } from './test-support.js';

const delta = (text: string): StreamPart => ({ type: 'text-delta', id: 't', delta: text });
const finish: StreamPart = {
  type: 'finish',
  finishReason: { unified: 'stop', raw: 'stop' },
  usage: {
    inputTokens: { total: 1, noCache: 1, cacheRead: undefined, cacheWrite: undefined },
    outputTokens: { total: 1, text: 1, reasoning: undefined },
  },
};

async function read(stream: AsyncIterable<StreamPart>): Promise<StreamPart[]> {
  const parts: StreamPart[] = [];
  for await (const part of stream) parts.push(part);
  return parts;
}

async function* _source(parts: StreamPart[], gapMs = 0, fail?: Error): AsyncGenerator<StreamPart> {
  for (const part of parts) {
    if (gapMs > 0) await tick(gapMs);
    yield part;
  }
  if (fail) throw fail;
}

describe('StreamBroadcast', () => {
  it('every subscriber receives every part, including those pushed before it joined', async () => {
    const broadcast = new StreamBroadcast({ maxBytes: 10_000 });
    const early = read(broadcast.subscribe(new AbortController().signal, () => {}));
    broadcast.push(delta('a'));
    broadcast.push(delta('b'));
    const late = read(broadcast.subscribe(new AbortController().signal, () => {}));
    broadcast.push(finish);
    broadcast.end();
    expect(await early).toEqual([delta('a'), delta('b'), finish]);
    expect(await late).toEqual([delta('a'), delta('b'), finish]);
    expect(broadcast.recorded).toHaveLength(3);
  });

  it('maps parts per subscriber and calls onEnd once, however it ends', async () => {
    const broadcast = new StreamBroadcast({ maxBytes: 10_000 });
    let ended = 0;
    const client = new AbortController();
    const mapped = broadcast.subscribe(
      client.signal,
      () => (ended += 1),
      (part) => (part.type === 'text-delta' ? delta(part.delta.toUpperCase()) : part),
    );
    broadcast.push(delta('a'));
    const iterator = mapped[Symbol.asyncIterator]();
    expect((await iterator.next()).value).toEqual(delta('A'));
    const pending = iterator.next();
    client.abort();
    expect((await pending).done).toBe(true);
    expect(ended).toBe(1);
    expect(broadcast.subscribers).toBe(0);

    const neverRead = new AbortController();
    broadcast.subscribe(neverRead.signal, () => (ended += 1));
    expect(broadcast.subscribers).toBe(1);
    neverRead.abort();
    expect(ended).toBe(2);
    expect(broadcast.subscribers).toBe(0);
  });

  it('past maxBytes it is no longer joinable or recorded, and drops what everyone has read', async () => {
    const broadcast = new StreamBroadcast({ maxBytes: 60 });
    const reader = broadcast.subscribe(new AbortController().signal, () => {})[Symbol.asyncIterator]();
    for (const text of ['one', 'two', 'three']) broadcast.push(delta(text));
    expect(broadcast.joinable).toBe(false);
    expect(broadcast.recorded).toBeUndefined();
    expect(() => broadcast.subscribe(new AbortController().signal, () => {})).toThrow(/joinable/);
    const seen: string[] = [];
    for (let index = 0; index < 3; index += 1) {
      const next = await reader.next();
      if (!next.done && next.value.type === 'text-delta') seen.push(next.value.delta);
    }
    expect(seen).toEqual(['one', 'two', 'three']);
    broadcast.end();
    expect((await reader.next()).done).toBe(true);
  });

  it('waitForRoom holds the writer while the slowest subscriber lags past the high-water mark', async () => {
    const broadcast = new StreamBroadcast({ maxBytes: 10_000, highWaterMark: 2 });
    const reader = broadcast.subscribe(new AbortController().signal, () => {})[Symbol.asyncIterator]();
    for (const text of ['a', 'b', 'c']) broadcast.push(delta(text));
    let room = false;
    const waiting = broadcast.waitForRoom(new AbortController().signal).then(() => (room = true));
    await tick();
    expect(room).toBe(false);
    await reader.next();
    await waiting;
    expect(room).toBe(true);
  });
});
