import { createParser, type EventSourceMessage } from 'eventsource-parser';

/** One server-sent event: `data`, and `event`/`id` when the stream set them. */
export type SseEvent = EventSourceMessage;

/**
 * Parses a byte stream of server-sent events (an upstream response body) into events, with the
 * maintained `eventsource-parser`. Handles CRLF, multi-line data, comments and split chunks.
 */
export async function* parseSse(body: AsyncIterable<Uint8Array | string>): AsyncGenerator<SseEvent> {
  const decoder = new TextDecoder();
  const queue: SseEvent[] = [];
  const parser = createParser({ onEvent: (event) => queue.push(event) });
  for await (const chunk of body) {
    parser.feed(typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true }));
    while (queue.length > 0) yield queue.shift() as SseEvent;
  }
  parser.feed(decoder.decode());
  parser.reset({ consume: true });
  while (queue.length > 0) yield queue.shift() as SseEvent;
}
