import type { SseEvent, StreamPart, StreamResult } from '@signalbox/core';
import { assertEventStream } from './assert-event-stream.js';
import { guardUpstreamStream } from './guard-upstream-stream.js';
import type { HttpResponse } from './http-request.js';
import { releaseBody } from './release-body.js';
import { sseEventsFrom } from './sse-events-from.js';
import { upstreamResponseInfo, withResponseInfo } from './upstream-response-info.js';

/** Options of {@link upstreamStreamResult}. */
export interface UpstreamStreamResultOptions {
  provider: string;
  /** The call's signal. */
  signal: AbortSignal;
  /** The provider's request id header (`x-request-id`, `request-id`). */
  requestIdHeader: string;
  /** The codec: SSE events to canonical parts (`fromOpenAIChatStream`, `fromAnthropicStream`). */
  decode: (events: AsyncIterable<SseEvent>) => AsyncIterable<StreamPart>;
  /**
   * Whether an event ends the stream's content, for formats whose last event is neither `[DONE]`
   * nor `message_stop` (Cohere's `message-end`, a Gemini chunk with a finish reason): a stream
   * whose consumer stops right after it is drained, so the keep-alive socket is reused. Default:
   * `sseEventsFrom`'s.
   */
  isFinalEvent?: (event: SseEvent) => boolean;
}

/**
 * Turns an accepted (2xx) streamed response into a `StreamResult`: checks it is an event stream
 * (`assertEventStream`), decodes its SSE events with the codec, adds the request id and headers
 * to `response-metadata`, turns mid-stream throws into `error` parts, and releases the body
 * however the stream ends (destroyed when the consumer stops early, so the upstream socket
 * closes; drained after a complete stream, so it is reused).
 */
export async function upstreamStreamResult(
  response: HttpResponse,
  options: UpstreamStreamResultOptions,
): Promise<StreamResult> {
  const context = { provider: options.provider, signal: options.signal };
  await assertEventStream(response, context);
  const info = upstreamResponseInfo(response, options.requestIdHeader);
  const events = sseEventsFrom(response, {
    ...context,
    ...(options.isFinalEvent && { isFinalEvent: options.isFinalEvent }),
  });
  const parts = options.decode(events);
  return {
    stream: guardUpstreamStream(withResponseInfo(parts, info), {
      signal: options.signal,
      release: ({ completed }) => releaseBody(response.body, { drain: completed }),
    }),
    response: info,
  };
}
