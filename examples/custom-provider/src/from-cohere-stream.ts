import { GatewayError, type SseEvent, type StreamPart, type Warning } from '@signalbox/core';
import { convertCohereUsage } from './convert-cohere-usage.js';
import { generateToolCallId, toolInput } from './from-cohere-response.js';
import { mapCohereFinishReason } from './map-cohere-finish-reason.js';

/** Options of {@link fromCohereStream}. */
export interface FromCohereStreamOptions {
  /** Warnings from translating the request, sent in `stream-start`. */
  warnings: Warning[];
  /** The model that was asked for (Cohere does not echo it). */
  modelId?: string;
  /** The provider name, on errors and as the key of `providerMetadata`; default `cohere`. */
  provider?: string;
}

type WireObject = Record<string, unknown>;

function isObject(value: unknown): value is WireObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function objectAt(value: unknown, ...path: string[]): WireObject {
  let current = value;
  for (const key of path) current = isObject(current) ? current[key] : undefined;
  return isObject(current) ? current : {};
}

function stringOf(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

/**
 * Whether an SSE event ends a Cohere stream's content (`message-end`): the adapter stops reading
 * there, and the rest of the body is drained so the keep-alive socket is reused.
 */
export function isCohereFinalEvent(event: SseEvent): boolean {
  return (
    event.event === 'message-end' || event.data === '[DONE]' || /"type"\s*:\s*"message-end"/.test(event.data)
  );
}

/**
 * Converts the SSE events of a Cohere v2 chat stream into canonical stream parts, in order:
 * `stream-start` (warnings), `response-metadata` (`message-start`'s id), text and reasoning
 * blocks per `content-start` / `content-delta` / `content-end` index (`thinking` content is
 * reasoning), the tool plan as a text block, `tool-input-start` / `-delta` / `-end` and the
 * assembled `tool-call` per `tool-call-start` / `-delta` / `-end`, then `finish` from
 * `message-end` with its finish reason and usage (citations in `providerMetadata`). Open blocks
 * are closed before a tool call starts and before `finish`; reading stops at `message-end`.
 *
 * Failures are `error` parts (a retryable 502 `GatewayError`), never throws of its own: an event
 * that is not JSON, an error event or `message-end` with an `error`, or a stream that ends
 * without `message-end`. Events are narrowed by hand, not with zod: this runs once per token.
 */
export async function* fromCohereStream(
  events: AsyncIterable<SseEvent>,
  options: FromCohereStreamOptions,
): AsyncGenerator<StreamPart> {
  const provider = options.provider ?? 'cohere';
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
  const blocks = new Map<number, { kind: 'text' | 'reasoning'; id: string }>();
  let planId: string | undefined;
  let tool: { id: string; name: string; input: string } | undefined;
  let metadataSent = false;
  const citations: unknown[] = [];

  function* closeContent(): Generator<StreamPart> {
    if (planId !== undefined) yield { type: 'text-end', id: planId };
    planId = undefined;
    for (const block of blocks.values()) yield { type: `${block.kind}-end`, id: block.id };
    blocks.clear();
  }
  function* closeTool(): Generator<StreamPart> {
    if (tool === undefined) return;
    const { id, name, input } = tool;
    tool = undefined;
    yield { type: 'tool-input-end', id };
    yield { type: 'tool-call', toolCallId: id, toolName: name, input: toolInput(input) };
  }
  function* openBlock(index: number, kind: 'text' | 'reasoning'): Generator<StreamPart, string> {
    const open = blocks.get(index);
    if (open?.kind === kind) return open.id;
    if (open) yield { type: `${open.kind}-end`, id: open.id };
    yield* closeTool();
    const id = `${kind}-${index}`;
    blocks.set(index, { kind, id });
    yield { type: `${kind}-start`, id };
    return id;
  }

  for await (const event of events) {
    const data = event.data;
    if (data === '[DONE]') break;
    if (data.trim() === '') continue;
    let chunk: unknown;
    try {
      chunk = JSON.parse(data);
    } catch (error) {
      yield failure(`${provider} sent a stream event that is not JSON.`, error);
      return;
    }
    if (!isObject(chunk)) {
      yield failure(`${provider} sent a stream event that is not an object.`);
      return;
    }
    const type = stringOf(chunk.type) ?? event.event;
    if (type === undefined && typeof chunk.message === 'string') {
      yield failure(`${provider} stream failed: ${chunk.message}`, chunk);
      return;
    }
    if (!metadataSent) {
      metadataSent = true;
      const id = type === 'message-start' ? stringOf(chunk.id) : undefined;
      yield {
        type: 'response-metadata',
        ...(id !== undefined && { id }),
        ...(options.modelId !== undefined && { modelId: options.modelId }),
      };
    }
    const index = typeof chunk.index === 'number' ? chunk.index : 0;
    const message = objectAt(chunk, 'delta', 'message');
    switch (type) {
      case 'content-start':
      case 'content-delta': {
        const content = objectAt(message, 'content');
        const thinking = stringOf(content.thinking);
        const kind = content.type === 'thinking' || thinking !== undefined ? 'reasoning' : 'text';
        if (planId !== undefined) {
          yield { type: 'text-end', id: planId };
          planId = undefined;
        }
        const id = yield* openBlock(index, kind);
        const delta = thinking ?? stringOf(content.text) ?? '';
        if (delta !== '') yield { type: `${kind}-delta`, id, delta };
        break;
      }
      case 'content-end': {
        const block = blocks.get(index);
        if (block) yield { type: `${block.kind}-end`, id: block.id };
        blocks.delete(index);
        break;
      }
      case 'tool-plan-delta': {
        const delta = stringOf(message.tool_plan) ?? '';
        if (planId === undefined) {
          planId = 'tool-plan';
          yield { type: 'text-start', id: planId };
        }
        if (delta !== '') yield { type: 'text-delta', id: planId, delta };
        break;
      }
      case 'tool-call-start': {
        yield* closeContent();
        yield* closeTool();
        const call = objectAt(message, 'tool_calls');
        const fn = objectAt(call, 'function');
        tool = { id: stringOf(call.id) || generateToolCallId(), name: stringOf(fn.name) ?? '', input: '' };
        yield { type: 'tool-input-start', id: tool.id, toolName: tool.name };
        const initial = stringOf(fn.arguments) ?? '';
        if (initial !== '') {
          tool.input += initial;
          yield { type: 'tool-input-delta', id: tool.id, delta: initial };
        }
        break;
      }
      case 'tool-call-delta': {
        const delta = stringOf(objectAt(message, 'tool_calls', 'function').arguments) ?? '';
        if (tool !== undefined && delta !== '') {
          tool.input += delta;
          yield { type: 'tool-input-delta', id: tool.id, delta };
        }
        break;
      }
      case 'tool-call-end':
        yield* closeTool();
        break;
      case 'citation-start': {
        const found = message.citations;
        if (found !== undefined) citations.push(...(Array.isArray(found) ? found : [found]));
        break;
      }
      case 'message-end': {
        const delta = objectAt(chunk, 'delta');
        const error = stringOf(delta.error);
        if (error !== undefined) {
          yield failure(`${provider} stream failed: ${error}`, chunk);
          return;
        }
        yield* closeContent();
        yield* closeTool();
        const finish: StreamPart = {
          type: 'finish',
          finishReason: mapCohereFinishReason(stringOf(delta.finish_reason)),
          usage: convertCohereUsage(delta.usage),
        };
        if (citations.length > 0) finish.providerMetadata = { [provider]: { citations } };
        yield finish;
        return;
      }
      default:
        break;
    }
  }
  yield failure(`${provider} stream ended before message-end.`);
}
