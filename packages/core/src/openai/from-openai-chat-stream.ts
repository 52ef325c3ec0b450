import { GatewayError } from '../errors/gateway-error.js';
import type { SseEvent } from '../sse/parse-sse.js';
import type { StreamPart } from '../spec/v1/stream-part.js';
import type { Warning } from '../spec/v1/warning.js';
import { convertOpenAIUsage } from './convert-openai-usage.js';
import { openaiResponseInfo } from './from-openai-chat-response.js';
import { mapOpenAIFinishReason } from './map-openai-finish-reason.js';
import { OpenAIToolCallAssembler } from './openai-tool-call-stream.js';
import { openaiUsageSchema } from './openai-usage-schema.js';

type WireObject = Record<string, unknown>;

function isObject(value: unknown): value is WireObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function stringOf(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

function upstreamStreamError(message: string, cause?: unknown): GatewayError {
  return new GatewayError(message, { status: 502, type: 'upstream_error', isRetryable: true, cause });
}

/** OpenRouter's mid-stream `{error: {code, message}}` as a `GatewayError`. */
function chunkError(error: WireObject): GatewayError {
  const code = error.code;
  const status = typeof code === 'number' && code >= 400 && code <= 599 ? code : 502;
  const message = stringOf(error.message) ?? 'Upstream stream failed';
  const options: ConstructorParameters<typeof GatewayError>[1] = { status, cause: error };
  if (typeof code === 'string') options.code = code;
  return new GatewayError(message, options);
}

/**
 * Converts the SSE events of an OpenAI chat completion stream into canonical stream parts:
 * `stream-start` (with `warnings`), `response-metadata` from the first chunk, text (`text-0`),
 * reasoning (`delta.reasoning` or `delta.reasoning_content`), refusal, tool input per
 * `tool_calls` index with the assembled `tool-call` (one call at a time, also when a server
 * interleaves them: see `OpenAIToolCallAssembler`), logprobs, and `finish` with the usage of
 * the usage chunk. Open blocks are closed before `finish`; reading stops at `[DONE]`.
 *
 * Failures are `error` parts, never throws of its own: an `error` chunk (OpenRouter), a chunk
 * that is not JSON, or a stream that ends without a finish reason (a 502 `upstream_error`).
 * Chunks are narrowed by hand, not by zod: this runs once per token.
 */
export async function* fromOpenAIChatStream(
  events: AsyncIterable<SseEvent>,
  warnings: Warning[],
): AsyncGenerator<StreamPart> {
  yield { type: 'stream-start', warnings };
  let metadataSent = false;
  let finishReason: string | undefined;
  let usage: unknown;
  let textId: string | undefined;
  let reasoningId: string | undefined;
  let textCount = 0;
  let reasoningCount = 0;
  const tools = new OpenAIToolCallAssembler();
  function* endText(): Generator<StreamPart> {
    if (textId === undefined) return;
    yield { type: 'text-end', id: textId };
    textId = undefined;
  }
  function* endReasoning(): Generator<StreamPart> {
    if (reasoningId === undefined) return;
    yield { type: 'reasoning-end', id: reasoningId };
    reasoningId = undefined;
  }

  for await (const event of events) {
    const data = event.data;
    if (data === '[DONE]') break;
    if (data.trim() === '') continue;
    let chunk: unknown;
    try {
      chunk = JSON.parse(data);
    } catch (error) {
      yield {
        type: 'error',
        error: upstreamStreamError('Upstream sent a stream chunk that is not JSON', error),
      };
      return;
    }
    if (!isObject(chunk)) {
      yield {
        type: 'error',
        error: upstreamStreamError('Upstream sent a stream chunk that is not an object'),
      };
      return;
    }
    if (isObject(chunk.error)) {
      yield { type: 'error', error: chunkError(chunk.error) };
      return;
    }
    if (!metadataSent) {
      metadataSent = true;
      yield {
        type: 'response-metadata',
        ...openaiResponseInfo({
          id: stringOf(chunk.id),
          model: stringOf(chunk.model),
          created: typeof chunk.created === 'number' ? chunk.created : undefined,
          system_fingerprint: stringOf(chunk.system_fingerprint),
          service_tier: stringOf(chunk.service_tier),
        }),
      };
    }
    if (isObject(chunk.usage)) usage = chunk.usage;
    if (!Array.isArray(chunk.choices)) continue;
    const choice: unknown = chunk.choices.find((item) => isObject(item) && (item.index ?? 0) === 0);
    if (!isObject(choice)) continue;

    if (choice.logprobs != null) yield { type: 'logprobs', logprobs: choice.logprobs };
    const delta = choice.delta;
    if (isObject(delta)) {
      const reasoning = stringOf(delta.reasoning) || stringOf(delta.reasoning_content);
      if (reasoning) {
        if (textId !== undefined) yield* endText();
        if (tools.open) yield* tools.endAll();
        if (reasoningId === undefined) {
          reasoningId = `reasoning-${reasoningCount++}`;
          yield { type: 'reasoning-start', id: reasoningId };
        }
        yield { type: 'reasoning-delta', id: reasoningId, delta: reasoning };
      }
      const content = stringOf(delta.content);
      if (content) {
        if (reasoningId !== undefined) yield* endReasoning();
        if (tools.open) yield* tools.endAll();
        if (textId === undefined) {
          textId = `text-${textCount++}`;
          yield { type: 'text-start', id: textId };
        }
        yield { type: 'text-delta', id: textId, delta: content };
      }
      const refusal = stringOf(delta.refusal);
      if (refusal) yield { type: 'refusal-delta', delta: refusal };
      if (Array.isArray(delta.tool_calls)) {
        for (const item of delta.tool_calls) {
          if (!isObject(item)) continue;
          if (textId !== undefined) yield* endText();
          if (reasoningId !== undefined) yield* endReasoning();
          yield* tools.fragment(item);
        }
      }
    }
    const reason = stringOf(choice.finish_reason);
    if (reason) finishReason = reason;
  }

  if (finishReason === undefined) {
    yield { type: 'error', error: upstreamStreamError('Upstream stream ended before completion') };
    return;
  }
  yield* endReasoning();
  yield* endText();
  yield* tools.endAll();
  const parsedUsage = usage === undefined ? undefined : openaiUsageSchema.safeParse(usage);
  yield {
    type: 'finish',
    finishReason: mapOpenAIFinishReason(finishReason),
    usage: convertOpenAIUsage(parsedUsage?.success ? parsedUsage.data : undefined),
  };
}
