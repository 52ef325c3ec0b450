import { GatewayError } from '../errors/gateway-error.js';
import type { SseEvent } from '../sse/parse-sse.js';
import type { StreamPart } from '../spec/v1/stream-part.js';
import type { Warning } from '../spec/v1/warning.js';
import { anthropicErrorToGatewayError } from './anthropic-error.js';
import { ANTHROPIC_RAW_BLOCK_KEY, isRecord } from './anthropic-extras.js';
import { anthropicUsageExtras, convertAnthropicUsage } from './convert-anthropic-usage.js';
import { parseToolInput } from './encode-anthropic-content.js';
import { mapAnthropicStopReason } from './map-anthropic-stop-reason.js';

type Json = Record<string, unknown>;

interface OpenBlock {
  kind: 'text' | 'reasoning' | 'tool' | 'raw';
  id: string;
  toolName: string;
  input: string;
  citations?: unknown[];
  raw?: Json;
}

/**
 * Decodes Anthropic's streamed events (from `parseSse`) into canonical stream parts, one event
 * at a time: `stream-start` (with `warnings`), `response-metadata` from `message_start`, text /
 * reasoning (+ `reasoning-signature`) / `reasoning-redacted` / `tool-input-*` parts per block, a
 * `tool-call` with the assembled input after each tool block (`{}` when it streamed none),
 * and `finish` on `message_stop` with usage accumulated from `message_start` and `message_delta`
 * (the latter's values win) and `providerMetadata.anthropic` = `{stop_sequence, usage extras,
 * container, context_management}`. Blocks of other types (`server_tool_use`,
 * `web_search_tool_result`...) are assembled and passed as opaque text parts. An `error` event
 * becomes an `error` part (`overloaded_error` -> 529, `api_error` -> 500...); bad JSON, a failing
 * source or a stream ending without `message_stop` -> an `error` part with a retryable 502.
 * `ping` is ignored.
 */
export async function* fromAnthropicStream(
  events: AsyncIterable<SseEvent>,
  warnings: Warning[],
): AsyncGenerator<StreamPart> {
  yield { type: 'stream-start', warnings };
  const decoder = new AnthropicStreamDecoder();
  try {
    for await (const event of events) {
      if (event.event === 'ping' || event.data === '') continue;
      let data: unknown;
      try {
        data = JSON.parse(event.data);
      } catch {
        data = undefined;
      }
      if (!isRecord(data) || typeof data.type !== 'string') {
        yield { type: 'error', error: upstreamError('Upstream sent a stream event that is not valid JSON') };
        return;
      }
      yield* decoder.decode(data);
      if (decoder.ended) return;
    }
  } catch (error) {
    yield {
      type: 'error',
      error: GatewayError.isInstance(error)
        ? error
        : upstreamError(
            `Upstream stream failed: ${error instanceof Error ? error.message : String(error)}`,
            error,
          ),
    };
    return;
  }
  yield { type: 'error', error: upstreamError('Upstream stream ended before completion') };
}

function upstreamError(message: string, cause?: unknown): GatewayError {
  return new GatewayError(message, { status: 502, type: 'upstream_error', isRetryable: true, cause });
}

class AnthropicStreamDecoder {
  ended = false;
  private readonly blocks = new Map<number, OpenBlock>();
  private usage: Json = {};
  private stopReason: string | undefined;
  private stopSequence: string | null = null;
  private readonly metadata: Json = {};

  *decode(event: Json): Generator<StreamPart> {
    switch (event.type) {
      case 'message_start':
        yield* this.messageStart(isRecord(event.message) ? event.message : {});
        return;
      case 'content_block_start':
        if (typeof event.index === 'number' && isRecord(event.content_block)) {
          yield* this.start(event.index, event.content_block);
        }
        return;
      case 'content_block_delta':
        if (typeof event.index === 'number' && isRecord(event.delta))
          yield* this.delta(event.index, event.delta);
        return;
      case 'content_block_stop':
        if (typeof event.index === 'number') yield* this.stop(event.index);
        return;
      case 'message_delta':
        this.messageDelta(event);
        return;
      case 'message_stop':
        for (const index of [...this.blocks.keys()]) yield* this.stop(index);
        this.ended = true;
        yield this.finish();
        return;
      case 'error': {
        this.ended = true;
        const error = isRecord(event.error) ? event.error : {};
        yield {
          type: 'error',
          error: anthropicErrorToGatewayError({
            type: typeof error.type === 'string' ? error.type : 'api_error',
            message: typeof error.message === 'string' ? error.message : 'Upstream stream error',
          }),
        };
        return;
      }
      default:
        return;
    }
  }

  private *messageStart(message: Json): Generator<StreamPart> {
    yield {
      type: 'response-metadata',
      ...(typeof message.id === 'string' && { id: message.id }),
      ...(typeof message.model === 'string' && { modelId: message.model }),
    };
    if (isRecord(message.usage)) this.usage = { ...message.usage };
    const content = message.content;
    if (Array.isArray(content)) {
      for (let index = 0; index < content.length; index++) {
        const block = content[index];
        if (!isRecord(block)) continue;
        yield* this.start(index, block);
        yield* this.stop(index);
      }
    }
  }

  private *start(index: number, block: Json): Generator<StreamPart> {
    const id = String(index);
    switch (block.type) {
      case 'text': {
        const open: OpenBlock = { kind: 'text', id, toolName: '', input: '' };
        if (Array.isArray(block.citations) && block.citations.length > 0)
          open.citations = [...block.citations];
        this.blocks.set(index, open);
        yield { type: 'text-start', id };
        if (typeof block.text === 'string' && block.text !== '')
          yield { type: 'text-delta', id, delta: block.text };
        return;
      }
      case 'thinking':
        this.blocks.set(index, { kind: 'reasoning', id, toolName: '', input: '' });
        yield { type: 'reasoning-start', id };
        if (typeof block.thinking === 'string' && block.thinking !== '') {
          yield { type: 'reasoning-delta', id, delta: block.thinking };
        }
        if (typeof block.signature === 'string' && block.signature !== '') {
          yield { type: 'reasoning-signature', id, signature: block.signature };
        }
        return;
      case 'redacted_thinking':
        yield { type: 'reasoning-redacted', id, data: typeof block.data === 'string' ? block.data : '' };
        return;
      case 'tool_use': {
        const toolCallId = typeof block.id === 'string' ? block.id : id;
        const toolName = typeof block.name === 'string' ? block.name : '';
        const initial =
          isRecord(block.input) && Object.keys(block.input).length > 0 ? JSON.stringify(block.input) : '';
        this.blocks.set(index, { kind: 'tool', id: toolCallId, toolName, input: initial });
        yield { type: 'tool-input-start', id: toolCallId, toolName };
        if (initial !== '') yield { type: 'tool-input-delta', id: toolCallId, delta: initial };
        return;
      }
      default:
        this.blocks.set(index, { kind: 'raw', id, toolName: '', input: '', raw: { ...block } });
        return;
    }
  }

  private *delta(index: number, delta: Json): Generator<StreamPart> {
    const open = this.blocks.get(index);
    if (open === undefined) return;
    switch (delta.type) {
      case 'text_delta':
        if (open.kind === 'text' && typeof delta.text === 'string' && delta.text !== '') {
          yield { type: 'text-delta', id: open.id, delta: delta.text };
        }
        return;
      case 'thinking_delta':
        if (open.kind === 'reasoning' && typeof delta.thinking === 'string' && delta.thinking !== '') {
          yield { type: 'reasoning-delta', id: open.id, delta: delta.thinking };
        }
        return;
      case 'signature_delta':
        if (open.kind === 'reasoning' && typeof delta.signature === 'string') {
          yield { type: 'reasoning-signature', id: open.id, signature: delta.signature };
        }
        return;
      case 'input_json_delta':
        if (typeof delta.partial_json !== 'string' || delta.partial_json === '') return;
        open.input += delta.partial_json;
        if (open.kind === 'tool') yield { type: 'tool-input-delta', id: open.id, delta: delta.partial_json };
        return;
      case 'citations_delta':
        if (delta.citation === undefined) return;
        open.citations ??= [];
        open.citations.push(delta.citation);
        return;
      default:
        return;
    }
  }

  private *stop(index: number): Generator<StreamPart> {
    const open = this.blocks.get(index);
    if (open === undefined) return;
    this.blocks.delete(index);
    switch (open.kind) {
      case 'text':
        yield {
          type: 'text-end',
          id: open.id,
          ...(open.citations !== undefined && {
            providerMetadata: { anthropic: { citations: open.citations } },
          }),
        };
        return;
      case 'reasoning':
        yield { type: 'reasoning-end', id: open.id };
        return;
      case 'tool':
        yield { type: 'tool-input-end', id: open.id };
        yield { type: 'tool-call', toolCallId: open.id, toolName: open.toolName, input: open.input || '{}' };
        return;
      case 'raw': {
        const raw = open.raw ?? {};
        if (open.input !== '') raw.input = parseToolInput(open.input) ?? {};
        const providerMetadata = { anthropic: { [ANTHROPIC_RAW_BLOCK_KEY]: raw } };
        yield { type: 'text-start', id: open.id, providerMetadata };
        yield { type: 'text-end', id: open.id };
        return;
      }
    }
  }

  private messageDelta(event: Json): void {
    const delta = isRecord(event.delta) ? event.delta : {};
    if (typeof delta.stop_reason === 'string') this.stopReason = delta.stop_reason;
    if (typeof delta.stop_sequence === 'string') this.stopSequence = delta.stop_sequence;
    if (delta.container !== undefined) this.metadata.container = delta.container;
    if (isRecord(event.usage)) {
      for (const key in event.usage) {
        const value = event.usage[key];
        if (value !== null && value !== undefined) this.usage[key] = value;
      }
    }
    for (const key in event) {
      if (key !== 'type' && key !== 'delta' && key !== 'usage') this.metadata[key] = event[key];
    }
  }

  private finish(): StreamPart {
    const metadata: Json = { stop_sequence: this.stopSequence };
    const usageExtras = anthropicUsageExtras(this.usage);
    if (usageExtras !== undefined) metadata.usage = usageExtras;
    Object.assign(metadata, this.metadata);
    return {
      type: 'finish',
      finishReason: mapAnthropicStopReason(this.stopReason),
      usage: convertAnthropicUsage(this.usage),
      providerMetadata: { anthropic: metadata },
    };
  }
}
