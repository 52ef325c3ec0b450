import { GatewayError, type SseEvent, type StreamPart, type Warning } from '@signalbox/core';
import { convertGoogleUsage } from './convert-google-usage.js';
import { googleResponseInfo, omittedPart } from './from-google-response.js';
import { googleStreamError } from './google-error.js';
import { toOpenAILogprobs } from './google-logprobs.js';
import { mapGoogleFinishReason } from './map-google-finish-reason.js';
import { functionCallInput, readGoogleChunk, synthesizeToolCallId } from './read-google-chunk.js';

/** Options of {@link fromGoogleStream}. */
export interface FromGoogleStreamOptions {
  /** Warnings from translating the request, sent in `stream-start`. */
  warnings: Warning[];
  /** The provider name: on errors, and the key of `providerMetadata`. */
  provider: string;
  /** The model asked for, when the chunks carry no `modelVersion`. */
  modelId?: string;
}

/**
 * Whether an SSE event is the last chunk of a Gemini stream (it carries the `finishReason`, or
 * the prompt's `blockReason`). Gemini has no end marker: the response simply ends after it.
 */
export function isGoogleFinalEvent(event: SseEvent): boolean {
  return /"(finishReason|blockReason)"\s*:/.test(event.data);
}

interface OpenBlock {
  kind: 'text' | 'reasoning';
  id: string;
  signature?: string;
}

/**
 * Converts the SSE events of `streamGenerateContent?alt=sse` (each a whole
 * `GenerateContentResponse` holding the next parts) into canonical stream parts, in order:
 * `stream-start` (warnings), `response-metadata` (`responseId`, `modelVersion`), text and
 * reasoning (thought) blocks as start / delta / end, each function call as `tool-input-start`,
 * one `tool-input-delta` with its whole JSON arguments, `tool-input-end` and `tool-call` (the
 * API's id or `call_<index>`), `logprobs`, then `finish` with the finish reason (`STOP` with
 * function calls is `tool-calls`, a blocked prompt `content-filter`), the last usage reported,
 * and `providerMetadata.<provider>` (safety ratings, grounding, the thought signatures of text
 * and reasoning blocks on their `-end` parts, those of function calls by tool-call id).
 *
 * Failures are `error` parts, never throws: an event that is not JSON or not an object, an error
 * object inside the stream (its status kept: a 429 is retryable), or a stream that ends without a
 * finish reason (retryable 502s).
 */
export async function* fromGoogleStream(
  events: AsyncIterable<SseEvent>,
  options: FromGoogleStreamOptions,
): AsyncGenerator<StreamPart> {
  const { provider } = options;
  const failure = (message: string, cause?: unknown): StreamPart => ({
    type: 'error',
    error: new GatewayError(message, {
      status: 502,
      type: 'upstream_error',
      code: 'upstream_stream_error',
      isRetryable: true,
      provider,
      cause,
    }),
  });
  yield { type: 'stream-start', warnings: options.warnings };
  let metadataSent = false;
  let block: OpenBlock | undefined;
  let blocks = 0;
  let calls = 0;
  let finishReason: string | undefined;
  let usageMetadata: unknown;
  const metadata: Record<string, unknown> = {};
  const omitted: unknown[] = [];
  const callSignatures: Record<string, string> = {};

  function* closeBlock(): Generator<StreamPart> {
    if (block === undefined) return;
    const { kind, id, signature } = block;
    block = undefined;
    yield signature === undefined
      ? { type: `${kind}-end`, id }
      : { type: `${kind}-end`, id, providerMetadata: { [provider]: { thoughtSignature: signature } } };
  }

  for await (const event of events) {
    if (event.data.trim() === '') continue;
    let value: unknown;
    try {
      value = JSON.parse(event.data);
    } catch (error) {
      yield failure(`${provider} sent a stream event that is not JSON.`, error);
      return;
    }
    const streamError =
      typeof value === 'object' && value !== null && 'error' in value
        ? googleStreamError(value, provider)
        : undefined;
    if (streamError !== undefined) {
      yield { type: 'error', error: streamError };
      return;
    }
    const chunk = readGoogleChunk(value);
    if (chunk === undefined) {
      yield failure(`${provider} sent a stream event that is not a generateContent response.`);
      return;
    }
    if (!metadataSent) {
      metadataSent = true;
      yield { type: 'response-metadata', ...googleResponseInfo(chunk, options.modelId) };
    }
    for (const part of chunk.parts) {
      if (part.kind === 'text' || part.kind === 'reasoning') {
        if (part.text === '') {
          // An empty part that only carries the signature of what came before.
          if (part.signature !== undefined) {
            if (block) block.signature = part.signature;
            else metadata.thoughtSignature = part.signature;
          }
          continue;
        }
        if (block?.kind !== part.kind) {
          yield* closeBlock();
          block = { kind: part.kind, id: `${part.kind}-${blocks}` };
          blocks += 1;
          yield { type: `${part.kind}-start`, id: block.id };
        }
        yield { type: `${part.kind}-delta`, id: block.id, delta: part.text };
        if (part.signature !== undefined) block.signature = part.signature;
      } else if (part.kind === 'function-call') {
        yield* closeBlock();
        const id = part.id ?? synthesizeToolCallId(calls);
        calls += 1;
        const input = functionCallInput(part.args);
        yield { type: 'tool-input-start', id, toolName: part.name };
        yield { type: 'tool-input-delta', id, delta: input };
        yield { type: 'tool-input-end', id };
        yield { type: 'tool-call', toolCallId: id, toolName: part.name, input };
        if (part.signature !== undefined) callSignatures[id] = part.signature;
      } else {
        omitted.push(omittedPart(part));
      }
    }
    const logprobs = toOpenAILogprobs(chunk.logprobsResult);
    if (logprobs !== undefined) yield { type: 'logprobs', logprobs };
    Object.assign(metadata, chunk.metadata);
    if (chunk.usageMetadata !== undefined) usageMetadata = chunk.usageMetadata;
    finishReason = chunk.finishReason ?? chunk.blockReason ?? finishReason;
  }
  if (finishReason === undefined) {
    yield failure(`${provider} stream ended before its finish reason.`);
    return;
  }
  yield* closeBlock();
  if (omitted.length > 0) metadata.omittedParts = omitted;
  if (Object.keys(callSignatures).length > 0) metadata.toolCallThoughtSignatures = callSignatures;
  const finish: StreamPart = {
    type: 'finish',
    finishReason: mapGoogleFinishReason(finishReason, { hasToolCalls: calls > 0 }),
    usage: convertGoogleUsage(usageMetadata),
  };
  if (Object.keys(metadata).length > 0) finish.providerMetadata = { [provider]: metadata };
  yield finish;
}
