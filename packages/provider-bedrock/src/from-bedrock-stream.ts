import { GatewayError, type StreamPart, type Warning } from '@signalbox/core';
import { bedrockStreamException } from './bedrock-error.js';
import { convertBedrockUsage } from './convert-bedrock-usage.js';
import type { EventStreamMessage } from './decode-event-stream.js';
import { bedrockMetadataOf } from './from-bedrock-response.js';
import { mapBedrockStopReason } from './map-bedrock-stop-reason.js';

type WireObject = Record<string, unknown>;

type Block =
  | { kind: 'text'; id: string }
  | { kind: 'reasoning'; id: string }
  | { kind: 'tool'; id: string; name: string; input: string };

function isObject(value: unknown): value is WireObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function objectAt(value: WireObject, key: string): WireObject {
  const field = value[key];
  return isObject(field) ? field : {};
}

function stringOf(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

function streamError(message: string, cause?: unknown): GatewayError {
  return new GatewayError(message, { status: 502, type: 'upstream_error', isRetryable: true, cause });
}

const decoder = new TextDecoder();

/** Whether an event ends a ConverseStream's content (`metadata` comes last). */
export function isBedrockFinalEvent(message: EventStreamMessage): boolean {
  return message.headers[':event-type'] === 'metadata';
}

/**
 * Converts the events of a ConverseStream response into canonical stream parts: `stream-start`
 * (warnings), `response-metadata` (the model id) at `messageStart`, text and reasoning blocks per
 * `contentBlockIndex` (`text-<i>`, `reasoning-<i>`, opened at their first delta; a signature
 * delta is `reasoning-signature`, redacted content `reasoning-redacted`), tool input per
 * `contentBlockStart.start.toolUse` with the assembled `tool-call` at `contentBlockStop`, and one
 * `finish` with the stop reason of `messageStop` and the usage (cache reads and writes included)
 * and metrics of `metadata`.
 *
 * Failures are `error` parts, never throws of its own: an exception event (throttling 429,
 * internal 500, unavailable 503, model stream error 502, validation 400), a payload that is not
 * JSON, or a stream that ends without `messageStop` (a retryable 502). Events are narrowed by
 * hand, not by zod: this runs once per token.
 */
export async function* fromBedrockStream(
  events: AsyncIterable<EventStreamMessage>,
  options: { warnings: Warning[]; modelId: string; provider: string },
): AsyncGenerator<StreamPart> {
  yield { type: 'stream-start', warnings: options.warnings };
  const blocks = new Map<number, Block>();
  let metadataSent = false;
  let stopReason: string | undefined;
  let stopFields: WireObject = {};
  let usage: unknown;
  let metadata: WireObject = {};

  function* close(index: number): Generator<StreamPart> {
    const block = blocks.get(index);
    if (block === undefined) return;
    blocks.delete(index);
    if (block.kind === 'text') yield { type: 'text-end', id: block.id };
    else if (block.kind === 'reasoning') yield { type: 'reasoning-end', id: block.id };
    else {
      yield { type: 'tool-input-end', id: block.id };
      yield { type: 'tool-call', toolCallId: block.id, toolName: block.name, input: block.input || '{}' };
    }
  }
  function* open(index: number, kind: 'text' | 'reasoning'): Generator<StreamPart, Block> {
    const existing = blocks.get(index);
    if (existing?.kind === kind) return existing;
    if (existing !== undefined) yield* close(index);
    const block: Block = { kind, id: `${kind}-${index}` };
    blocks.set(index, block);
    yield kind === 'text' ? { type: 'text-start', id: block.id } : { type: 'reasoning-start', id: block.id };
    return block;
  }

  for await (const message of events) {
    const messageType = message.headers[':message-type'] ?? 'event';
    const text = decoder.decode(message.body);
    let payload: unknown;
    try {
      payload = text.trim() === '' ? {} : JSON.parse(text);
    } catch (error) {
      if (messageType === 'event') {
        yield { type: 'error', error: streamError('Upstream sent a stream event that is not JSON', error) };
        return;
      }
      payload = { message: text };
    }
    if (messageType === 'exception') {
      const type = message.headers[':exception-type'] ?? 'unknownException';
      yield { type: 'error', error: bedrockStreamException(type, payload, options.provider) };
      return;
    }
    if (messageType === 'error') {
      const code = message.headers[':error-code'] ?? 'error';
      const detail = message.headers[':error-message'] ?? 'Upstream stream failed';
      yield { type: 'error', error: streamError(`${detail} (${code})`, payload) };
      return;
    }
    if (!isObject(payload)) continue;
    if (!metadataSent) {
      metadataSent = true;
      yield { type: 'response-metadata', modelId: options.modelId };
    }
    const index = typeof payload.contentBlockIndex === 'number' ? payload.contentBlockIndex : 0;
    switch (message.headers[':event-type']) {
      case 'contentBlockStart': {
        const toolUse = objectAt(objectAt(payload, 'start'), 'toolUse');
        const id = stringOf(toolUse.toolUseId);
        if (id === undefined) break;
        yield* close(index);
        const block: Block = { kind: 'tool', id, name: stringOf(toolUse.name) ?? '', input: '' };
        blocks.set(index, block);
        yield { type: 'tool-input-start', id, toolName: block.name };
        break;
      }
      case 'contentBlockDelta': {
        const delta = objectAt(payload, 'delta');
        const textDelta = stringOf(delta.text);
        if (textDelta !== undefined) {
          const block = yield* open(index, 'text');
          if (textDelta !== '') yield { type: 'text-delta', id: block.id, delta: textDelta };
        }
        const toolDelta = stringOf(objectAt(delta, 'toolUse').input);
        const tool = blocks.get(index);
        if (toolDelta !== undefined && tool?.kind === 'tool' && toolDelta !== '') {
          tool.input += toolDelta;
          yield { type: 'tool-input-delta', id: tool.id, delta: toolDelta };
        }
        if (isObject(delta.reasoningContent)) {
          const reasoning = delta.reasoningContent;
          const reasoningText = stringOf(reasoning.text);
          const signature = stringOf(reasoning.signature);
          const redacted = stringOf(reasoning.redactedContent);
          if (reasoningText !== undefined || signature !== undefined) {
            const block = yield* open(index, 'reasoning');
            if (reasoningText) yield { type: 'reasoning-delta', id: block.id, delta: reasoningText };
            if (signature) yield { type: 'reasoning-signature', id: block.id, signature };
          }
          // Redacted reasoning is a whole opaque block, as Anthropic's `redacted_thinking`.
          if (redacted) yield { type: 'reasoning-redacted', id: `redacted-${index}`, data: redacted };
        }
        break;
      }
      case 'contentBlockStop':
        yield* close(index);
        break;
      case 'messageStop':
        stopReason = stringOf(payload.stopReason);
        stopFields = payload;
        break;
      case 'metadata':
        usage = payload.usage;
        metadata = payload;
        break;
    }
  }

  if (stopReason === undefined) {
    yield { type: 'error', error: streamError('Upstream stream ended before messageStop') };
    return;
  }
  for (const index of [...blocks.keys()]) yield* close(index);
  const providerMetadata = bedrockMetadataOf({
    ...(metadata.metrics !== undefined && { metrics: metadata.metrics }),
    ...(metadata.trace !== undefined && { trace: metadata.trace }),
    ...(metadata.performanceConfig !== undefined && { performanceConfig: metadata.performanceConfig }),
    ...(metadata.serviceTier !== undefined && { serviceTier: metadata.serviceTier }),
    ...(stopFields.additionalModelResponseFields !== undefined && {
      additionalModelResponseFields: stopFields.additionalModelResponseFields,
    }),
  });
  yield {
    type: 'finish',
    finishReason: mapBedrockStopReason(stopReason),
    usage: convertBedrockUsage(usage),
    ...(providerMetadata && { providerMetadata }),
  };
}
