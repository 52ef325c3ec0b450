import { GatewayError } from '../errors/gateway-error.js';
import type { EncodeOptions } from '../gateway/client-codec.js';
import { sseJson } from '../sse/sse-frame.js';
import type { ProviderMetadata } from '../spec/v1/provider-options.js';
import type { StreamPart } from '../spec/v1/stream-part.js';
import { isRecord, rawBlockOf } from './anthropic-extras.js';
import { toAnthropicUsage } from './convert-anthropic-usage.js';
import { encodeAnthropicError } from './encode-anthropic-error.js';
import { toAnthropicStopReason } from './map-anthropic-stop-reason.js';

type Block = Record<string, unknown>;

/**
 * Encodes a canonical stream as Anthropic's named server-sent events, frame by frame, never
 * buffering: `message_start` (empty content; usage not known yet, so `input_tokens` 0 and
 * `output_tokens` 1, as the API's first event often has), `ping`, then per block
 * `content_block_start` / `content_block_delta` / `content_block_stop` with increasing `index`
 * (text -> text_delta; reasoning -> a thinking block with thinking_delta and signature_delta;
 * reasoning-redacted -> a redacted_thinking block; tool input -> a tool_use block with
 * input_json_delta; a `tool-call` whose input was not streamed -> a whole tool_use block), then
 * `message_delta` (stop reason, stop sequence, usage, with `options.extend()` merged: `body` into
 * the event, `usage` into its usage; evaluated only then) and `message_stop`. An `error` part or
 * a failing source ends the stream with an `error` event, never a throw.
 */
export async function* encodeAnthropicStream(
  parts: AsyncIterable<StreamPart>,
  options: EncodeOptions,
): AsyncGenerator<string> {
  const state = new BlockState();
  let started = false;
  try {
    for await (const part of parts) {
      if (part.type === 'error') {
        yield errorFrame(part.error);
        return;
      }
      if (!started) {
        started = true;
        yield sseJson(messageStart(options), 'message_start');
        yield sseJson({ type: 'ping' }, 'ping');
      }
      if (part.type === 'finish') {
        yield* state.close();
        yield sseJson(messageDelta(part, options), 'message_delta');
        yield sseJson({ type: 'message_stop' }, 'message_stop');
        return;
      }
      yield* state.encode(part);
    }
  } catch (error) {
    yield errorFrame(error);
    return;
  }
  yield errorFrame(
    new GatewayError('Upstream stream ended before completion', { status: 502, type: 'upstream_error' }),
  );
}

function errorFrame(error: unknown): string {
  return sseJson(encodeAnthropicError(GatewayError.from(error)), 'error');
}

function messageStart(options: EncodeOptions): Record<string, unknown> {
  return {
    type: 'message_start',
    message: {
      id: options.id,
      type: 'message',
      role: 'assistant',
      model: options.model,
      content: [],
      stop_reason: null,
      stop_sequence: null,
      usage: {
        input_tokens: 0,
        cache_creation_input_tokens: null,
        cache_read_input_tokens: null,
        output_tokens: 1,
      },
    },
  };
}

function messageDelta(
  part: Extract<StreamPart, { type: 'finish' }>,
  options: EncodeOptions,
): Record<string, unknown> {
  const metadata = part.providerMetadata?.anthropic;
  const delta: Record<string, unknown> = {
    stop_reason: toAnthropicStopReason(part.finishReason),
    stop_sequence: typeof metadata?.stop_sequence === 'string' ? metadata.stop_sequence : null,
  };
  if (metadata?.container !== undefined) delta.container = metadata.container;
  const usage: Record<string, unknown> = { ...toAnthropicUsage(part.usage) };
  const usageExtras = metadata?.usage;
  if (isRecord(usageExtras)) {
    for (const key in usageExtras) if (!(key in usage)) usage[key] = usageExtras[key];
  }
  const event: Record<string, unknown> = { type: 'message_delta', delta, usage };
  if (metadata?.context_management !== undefined) event.context_management = metadata.context_management;
  const extension = options.extend();
  if (extension.body !== undefined) Object.assign(event, extension.body);
  if (extension.usage !== undefined) Object.assign(usage, extension.usage);
  return event;
}

/** Tracks the open content block and the block indexes of one encoded stream. */
class BlockState {
  private index = -1;
  private open: string | undefined;
  /** Keys of every block started so far (`t:`, `r:`, `c:` + part id). */
  private readonly seen = new Set<string>();
  private readonly toolNames = new Map<string, string>();

  *encode(part: StreamPart): Generator<string> {
    switch (part.type) {
      case 'text-start': {
        const raw = rawBlockOf(part.providerMetadata);
        if (raw !== undefined) {
          yield* this.whole(`t:${part.id}`, raw);
          return;
        }
        yield* this.start(`t:${part.id}`, { type: 'text', text: '' });
        return;
      }
      case 'text-delta':
        yield* this.ensure(`t:${part.id}`, () => ({ type: 'text', text: '' }));
        yield this.delta({ type: 'text_delta', text: part.delta });
        return;
      case 'text-end':
        if (this.open !== `t:${part.id}`) return;
        yield* this.citations(part.providerMetadata);
        yield* this.close();
        return;
      case 'refusal-delta':
        yield* this.ensure('refusal', () => ({ type: 'text', text: '' }));
        yield this.delta({ type: 'text_delta', text: part.delta });
        return;
      case 'reasoning-start':
        yield* this.start(`r:${part.id}`, thinkingBlock());
        return;
      case 'reasoning-delta':
        yield* this.ensure(`r:${part.id}`, thinkingBlock);
        yield this.delta({ type: 'thinking_delta', thinking: part.delta });
        return;
      case 'reasoning-signature':
        yield* this.ensure(`r:${part.id}`, thinkingBlock);
        yield this.delta({ type: 'signature_delta', signature: part.signature });
        return;
      case 'reasoning-end':
      case 'tool-input-end':
        if (this.open === `${part.type === 'reasoning-end' ? 'r' : 'c'}:${part.id}`) yield* this.close();
        return;
      case 'reasoning-redacted':
        yield* this.whole(`r:${part.id}`, { type: 'redacted_thinking', data: part.data });
        return;
      case 'tool-input-start':
        this.toolNames.set(part.id, part.toolName);
        yield* this.start(`c:${part.id}`, toolUseBlock(part.id, part.toolName));
        return;
      case 'tool-input-delta':
        yield* this.ensure(`c:${part.id}`, () => toolUseBlock(part.id, this.toolNames.get(part.id) ?? ''));
        yield this.delta({ type: 'input_json_delta', partial_json: part.delta });
        return;
      case 'tool-call': {
        const key = `c:${part.toolCallId}`;
        if (this.seen.has(key)) {
          if (this.open === key) yield* this.close();
          return;
        }
        yield* this.start(key, toolUseBlock(part.toolCallId, part.toolName));
        yield this.delta({ type: 'input_json_delta', partial_json: part.input === '' ? '{}' : part.input });
        yield* this.close();
        return;
      }
      default:
        return;
    }
  }

  /** Closes the open block, if any. */
  *close(): Generator<string> {
    if (this.open === undefined) return;
    this.open = undefined;
    yield sseJson({ type: 'content_block_stop', index: this.index }, 'content_block_stop');
  }

  private *start(key: string, block: Block): Generator<string> {
    yield* this.close();
    this.index += 1;
    this.open = key;
    this.seen.add(key);
    yield sseJson(
      { type: 'content_block_start', index: this.index, content_block: block },
      'content_block_start',
    );
  }

  private *ensure(key: string, block: () => Block): Generator<string> {
    if (this.open !== key) yield* this.start(key, block());
  }

  private *whole(key: string, block: Block): Generator<string> {
    yield* this.start(key, block);
    yield* this.close();
  }

  private delta(delta: Block): string {
    return sseJson({ type: 'content_block_delta', index: this.index, delta }, 'content_block_delta');
  }

  private *citations(metadata: ProviderMetadata | undefined): Generator<string> {
    const citations = metadata?.anthropic?.citations;
    if (!Array.isArray(citations)) return;
    for (const citation of citations) yield this.delta({ type: 'citations_delta', citation });
  }
}

function thinkingBlock(): Block {
  return { type: 'thinking', thinking: '', signature: '' };
}

function toolUseBlock(id: string, name: string): Block {
  return { type: 'tool_use', id, name, input: {} };
}
