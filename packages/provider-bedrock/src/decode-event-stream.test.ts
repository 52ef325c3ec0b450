import { GatewayError } from '@signalbox/core';
import { describe, expect, it } from 'vitest';
import { decodeEventStream, encodeEventStreamMessage } from './decode-event-stream.js';

async function collect<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of iterable) out.push(item);
  return out;
}

async function* chunksOf(...chunks: Uint8Array[]): AsyncGenerator<Uint8Array> {
  yield* chunks;
}

const first = encodeEventStreamMessage(
  { ':event-type': 'messageStart', ':message-type': 'event', ':content-type': 'application/json' },
  '{"role":"assistant"}',
);
const second = encodeEventStreamMessage(
  { ':event-type': 'contentBlockDelta', ':message-type': 'event' },
  '{"contentBlockIndex":0,"delta":{"text":"hé"}}',
);

describe('decodeEventStream', () => {
  it('decodes frames split at any byte, with their headers and payloads', async () => {
    const all = Buffer.concat([first, second]);
    for (const cut of [1, 3, 4, 13, first.length, first.length + 5, all.length - 1]) {
      const messages = await collect(decodeEventStream(chunksOf(all.subarray(0, cut), all.subarray(cut))));
      expect(messages.map((message) => message.headers[':event-type'])).toEqual([
        'messageStart',
        'contentBlockDelta',
      ]);
      expect(Buffer.from(messages[1]?.body ?? []).toString('utf8')).toBe(
        '{"contentBlockIndex":0,"delta":{"text":"hé"}}',
      );
      expect(messages[0]?.headers[':content-type']).toBe('application/json');
    }
  });

  it('rejects a frame whose checksum is wrong', async () => {
    const broken = Buffer.from(first);
    broken[broken.length - 6] = (broken[broken.length - 6] ?? 0) ^ 0xff;
    const error = await collect(decodeEventStream(chunksOf(broken))).catch((reason: unknown) => reason);
    expect(GatewayError.isInstance(error) && error.status).toBe(502);
    expect(GatewayError.isInstance(error) && error.isRetryable).toBe(true);
  });

  it('rejects a stream that ends inside a frame, or an impossible length', async () => {
    await expect(collect(decodeEventStream(chunksOf(first.subarray(0, 20))))).rejects.toThrow(
      /ended inside a frame/,
    );
    await expect(collect(decodeEventStream(chunksOf(new Uint8Array([0, 0, 0, 3, 1, 2]))))).rejects.toThrow(
      /declares 3 bytes/,
    );
  });
});
