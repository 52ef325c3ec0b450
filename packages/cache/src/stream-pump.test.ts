import type { StreamPart } from '@signalbox/core';
import { describe, expect, it } from 'vitest';
import { StreamBroadcast } from './stream-broadcast.js';
import { pumpStream } from './stream-pump.js';
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

async function* source(parts: StreamPart[], gapMs = 0, fail?: Error): AsyncGenerator<StreamPart> {
  for (const part of parts) {
    if (gapMs > 0) await tick(gapMs);
    yield part;
  }
  if (fail) throw fail;
}

describe('pumpStream', () => {
  it('stores a complete stream before the subscribers see its end', async () => {
    const broadcast = new StreamBroadcast({ maxBytes: 10_000 });
    const order: string[] = [];
    const reading = read(
      broadcast.subscribe(new AbortController().signal, () => order.push('subscriber end')),
    );
    await pumpStream(
      source([delta('a'), finish], 2),
      broadcast,
      new AbortController().signal,
      async (parts) => {
        await tick(5);
        order.push(`stored ${parts.length}`);
      },
      () => order.push('upstream end'),
    );
    await reading;
    expect(order).toEqual(['upstream end', 'stored 2', 'subscriber end']);
  });

  it('does not store a stream without finish, with an error part, or that threw', async () => {
    for (const parts of [
      source([delta('a')]),
      source([delta('a'), { type: 'error', error: new Error('x') }, finish]),
      source([delta('a')], 0, new Error('socket')),
    ]) {
      const broadcast = new StreamBroadcast({ maxBytes: 10_000 });
      const reading = read(broadcast.subscribe(new AbortController().signal, () => {}));
      let stored = false;
      await pumpStream(parts, broadcast, new AbortController().signal, async () => {
        stored = true;
      });
      const received = await reading;
      expect(stored).toBe(false);
      expect(received[0]).toEqual(delta('a'));
    }
  });

  it('turns a throw into an error part for the subscribers', async () => {
    const broadcast = new StreamBroadcast({ maxBytes: 10_000 });
    const reading = read(broadcast.subscribe(new AbortController().signal, () => {}));
    const failure = new Error('socket');
    await pumpStream(
      source([delta('a')], 0, failure),
      broadcast,
      new AbortController().signal,
      async () => {},
    );
    expect(await reading).toEqual([delta('a'), { type: 'error', error: failure }]);
  });
});
