import { GatewayError } from '@signalbox/core';
import { EventStreamCodec } from '@smithy/eventstream-codec';
import { fromUtf8, toUtf8 } from '@smithy/util-utf8';

/** One message of an AWS event stream: its headers (as strings) and its payload bytes. */
export interface EventStreamMessage {
  headers: Record<string, string>;
  body: Uint8Array;
}

/** Prelude (total length, headers length, prelude CRC) plus the message CRC. */
const FRAME_OVERHEAD = 16;
/** AWS event stream messages are at most 16 MB. */
const MAX_FRAME = 16 * 1024 * 1024;

function malformed(reason: string, cause?: unknown): GatewayError {
  return new GatewayError(`Upstream sent a malformed event stream: ${reason}`, {
    status: 502,
    type: 'upstream_error',
    code: 'upstream_invalid_response',
    isRetryable: true,
    cause,
  });
}

/**
 * Decodes the binary framing of an AWS event stream (`application/vnd.amazon.eventstream`:
 * length-prefixed messages with typed headers and CRC32 checksums) from a byte stream split
 * anywhere, with `@smithy/eventstream-codec`. A frame with a bad length or checksum, or bytes
 * left over when the stream ends, throws a retryable 502 `GatewayError`.
 */
export async function* decodeEventStream(
  chunks: AsyncIterable<Uint8Array | string>,
): AsyncGenerator<EventStreamMessage> {
  const codec = new EventStreamCodec(toUtf8, fromUtf8);
  let buffer: Buffer = Buffer.alloc(0);
  for await (const chunk of chunks) {
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk;
    buffer = buffer.length === 0 ? Buffer.from(bytes) : Buffer.concat([buffer, bytes]);
    while (buffer.length >= 4) {
      const total = buffer.readUInt32BE(0);
      if (total < FRAME_OVERHEAD || total > MAX_FRAME) throw malformed(`a frame declares ${total} bytes`);
      if (buffer.length < total) break;
      let decoded: { headers: Record<string, { type: string; value: unknown }>; body: Uint8Array };
      try {
        decoded = codec.decode(buffer.subarray(0, total));
      } catch (error) {
        throw malformed(error instanceof Error ? error.message : 'undecodable frame', error);
      }
      buffer = buffer.subarray(total);
      const headers: Record<string, string> = {};
      for (const [name, header] of Object.entries(decoded.headers))
        headers[name] =
          header.value instanceof Uint8Array
            ? Buffer.from(header.value).toString('utf8')
            : String(header.value);
      yield { headers, body: decoded.body };
    }
  }
  if (buffer.length > 0) throw malformed(`the stream ended inside a frame (${buffer.length} bytes left)`);
}

/** Encodes one event stream message (for fakes and tests): string headers and a payload. */
export function encodeEventStreamMessage(
  headers: Record<string, string>,
  body: Uint8Array | string,
): Uint8Array {
  const codec = new EventStreamCodec(toUtf8, fromUtf8);
  const typed: Record<string, { type: 'string'; value: string }> = {};
  for (const [name, value] of Object.entries(headers)) typed[name] = { type: 'string', value };
  return codec.encode({ headers: typed, body: typeof body === 'string' ? fromUtf8(body) : body });
}
