import type { StreamResult, Warning } from '@signalbox/core';
import {
  assertEventStream,
  guardUpstreamStream,
  type HttpResponse,
  releaseBody,
  sseEventsFrom,
  upstreamResponseInfo,
  withResponseInfo,
} from '@signalbox/provider-utils';
import { fromCohereStream, isCohereFinalEvent } from './from-cohere-stream.js';

/** The header Cohere puts its request id in. */
export const COHERE_REQUEST_ID_HEADER = 'x-debug-trace-id';

/**
 * Turns an accepted (2xx) streamed Cohere response into a `StreamResult`, from provider-utils'
 * pieces: checks it is an event stream, reads its SSE events up to `message-end` (so the rest of
 * the body is drained and the socket reused), decodes them with `fromCohereStream`, adds the
 * request id and headers to `response-metadata`, turns mid-stream throws (a reset) into `error`
 * parts, and releases the body however the stream ends.
 *
 * provider-utils' `upstreamStreamResult` does the same for OpenAI and Anthropic, but knows only
 * their final events (`[DONE]`, `message_stop`); this passes Cohere's to `sseEventsFrom`.
 */
export async function cohereStreamResult(
  response: HttpResponse,
  options: { provider: string; signal: AbortSignal; warnings: Warning[]; modelId: string },
): Promise<StreamResult> {
  const { provider, signal } = options;
  await assertEventStream(response, { provider, signal });
  const info = upstreamResponseInfo(response, COHERE_REQUEST_ID_HEADER);
  const events = sseEventsFrom(response, { provider, signal, isFinalEvent: isCohereFinalEvent });
  const parts = fromCohereStream(events, { warnings: options.warnings, modelId: options.modelId, provider });
  return {
    stream: guardUpstreamStream(withResponseInfo(parts, info), {
      signal,
      release: ({ completed }) => releaseBody(response.body, { drain: completed }),
    }),
    response: info,
  };
}
