import { parseSse, type SseEvent } from '@signalbox/core';
import type { HttpResponse } from './http-request.js';
import { mapNetworkError } from './map-network-error.js';
import { releaseBody } from './release-body.js';

/** Options of {@link sseEventsFrom}. */
export interface SseEventsOptions {
  provider: string;
  signal?: AbortSignal;
  /**
   * Whether an event ends the stream's content (default: OpenAI's `[DONE]` or Anthropic's
   * `message_stop`). A consumer that stops right after it lets the socket be reused.
   */
  isFinalEvent?: (event: SseEvent) => boolean;
}

function defaultIsFinalEvent(event: SseEvent): boolean {
  return event.data === '[DONE]' || event.event === 'message_stop';
}

/**
 * The server-sent events of a streamed response body (`parseSse` over the undici body). A
 * network failure mid-stream (reset, body timeout) throws the error of `mapNetworkError`. When
 * the consumer stops early the body is destroyed, which closes the upstream socket (the provider
 * stops generating); when it stops after the final event, the rest of the body is drained so the
 * keep-alive socket is reused.
 */
export async function* sseEventsFrom(
  response: HttpResponse,
  options: SseEventsOptions,
): AsyncGenerator<SseEvent> {
  const body = response.body;
  const isFinal = options.isFinalEvent ?? defaultIsFinalEvent;
  let complete = false;
  try {
    // A plain `for await` over the body would destroy it on an early stop; releaseBody decides.
    for await (const event of parseSse(body.iterator({ destroyOnReturn: false }))) {
      complete = isFinal(event);
      yield event;
    }
  } catch (error) {
    throw mapNetworkError(error, { provider: options.provider, url: response.url, signal: options.signal });
  } finally {
    releaseBody(body, { drain: complete });
  }
}
