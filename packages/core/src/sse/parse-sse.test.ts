import { describe, expect, it } from 'vitest';
import { parseSse } from './parse-sse.js';
import { sseFrame } from './sse-frame.js';

async function collect<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of iterable) out.push(item);
  return out;
}

describe('parseSse', () => {
  it('parses events split across chunks, with names and CRLF', async () => {
    const encoder = new TextEncoder();
    const text = 'event: message_start\r\ndata: {"a":1}\r\n\r\n: comment\n\ndata: [DONE]\n\n';
    const chunks = [text.slice(0, 7), text.slice(7, 30), text.slice(30)].map((part) => encoder.encode(part));
    const events = await collect(
      parseSse(
        (async function* () {
          yield* chunks;
        })(),
      ),
    );
    expect(events.map((e) => [e.event, e.data])).toEqual([
      ['message_start', '{"a":1}'],
      [undefined, '[DONE]'],
    ]);
  });

  it('round-trips frames it writes', async () => {
    const frames = sseFrame('{"x":"y"}', 'ping') + sseFrame('plain');
    const events = await collect(
      parseSse(
        (async function* () {
          yield frames;
        })(),
      ),
    );
    expect(events.map((e) => [e.event, e.data])).toEqual([
      ['ping', '{"x":"y"}'],
      [undefined, 'plain'],
    ]);
  });
});
