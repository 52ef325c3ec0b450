import { type StreamResult, UpstreamCallError, type Warning } from '@signalbox/core';
import {
  guardUpstreamStream,
  type HttpResponse,
  mapNetworkError,
  readResponseText,
  releaseBody,
  upstreamResponseInfo,
  withResponseInfo,
} from '@signalbox/provider-utils';
import { decodeEventStream, type EventStreamMessage } from './decode-event-stream.js';
import { fromBedrockStream, isBedrockFinalEvent } from './from-bedrock-stream.js';

/** The header Bedrock puts its request id in. */
export const BEDROCK_REQUEST_ID_HEADER = 'x-amzn-requestid';

/**
 * The event stream messages of a ConverseStream response body. A network failure mid-stream
 * throws the error of `mapNetworkError`. A consumer that stops early destroys the body (the
 * upstream socket closes, the model stops); one that stops after the final `metadata` event
 * drains it so the keep-alive socket is reused.
 */
export async function* bedrockEventsFrom(
  response: HttpResponse,
  options: { provider: string; signal?: AbortSignal },
): AsyncGenerator<EventStreamMessage> {
  const body = response.body;
  let complete = false;
  try {
    for await (const message of decodeEventStream(body.iterator({ destroyOnReturn: false }))) {
      complete = isBedrockFinalEvent(message);
      yield message;
    }
  } catch (error) {
    throw mapNetworkError(error, { provider: options.provider, url: response.url, signal: options.signal });
  } finally {
    releaseBody(body, { drain: complete });
  }
}

/** A 2xx answer to a streaming request that is JSON, not an event stream: a retryable 502. */
async function assertBedrockEventStream(
  response: HttpResponse,
  context: { provider: string; signal: AbortSignal },
): Promise<void> {
  const type = response.headers['content-type'];
  if (type === undefined || !type.includes('json')) return;
  const text = await readResponseText(response, context);
  throw new UpstreamCallError(
    `${context.provider} answered a streaming request with ${type.split(';')[0]} instead of an event stream.`,
    {
      status: 502,
      type: 'upstream_error',
      code: 'upstream_invalid_response',
      upstreamStatus: response.status,
      isRetryable: true,
      url: response.url,
      provider: context.provider,
      responseBody: text.slice(0, 4096),
      responseHeaders: response.headers,
    },
  );
}

/**
 * Turns an accepted (2xx) ConverseStream response into a `StreamResult`, from provider-utils'
 * pieces: checks it is not a JSON body, decodes its event stream frames and then its events
 * with `fromBedrockStream`, adds the request id (`x-amzn-requestid`) and headers to
 * `response-metadata`, turns mid-stream throws (a reset, a malformed frame) into `error` parts,
 * and releases the body however the stream ends.
 */
export async function bedrockStreamResult(
  response: HttpResponse,
  options: { provider: string; signal: AbortSignal; warnings: Warning[]; modelId: string },
): Promise<StreamResult> {
  const { provider, signal } = options;
  await assertBedrockEventStream(response, { provider, signal });
  const info = upstreamResponseInfo(response, BEDROCK_REQUEST_ID_HEADER);
  const parts = fromBedrockStream(bedrockEventsFrom(response, { provider, signal }), {
    warnings: options.warnings,
    modelId: options.modelId,
    provider,
  });
  return {
    stream: guardUpstreamStream(withResponseInfo(parts, info), {
      signal,
      release: ({ completed }) => releaseBody(response.body, { drain: completed }),
    }),
    response: info,
  };
}
