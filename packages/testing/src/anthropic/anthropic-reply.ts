import type { Reply } from '../fake/reply.js';
import type { FrameKind } from '../fake/sse-writer.js';
import { chunkText, countWords, splitWords } from '../fake/tokens.js';
import type { PromptCacheUsage } from './anthropic-cache.js';

/** Everything an Anthropic response is built from. */
export interface AnthropicReplyOptions {
  id: string;
  /** The model name to echo (directives stripped). */
  model: string;
  reply: Reply;
  usage: PromptCacheUsage;
  /** A thinking block to put first, when the request enabled thinking. */
  thinking: string | undefined;
}

/** One streamed event and its kind for the stream faults. */
export interface AnthropicFrame {
  event: string;
  data: Record<string, unknown>;
  kind: FrameKind;
}

const signature = 'ZmFrZS10aGlua2luZy1zaWduYXR1cmU=';

function toolUseId(options: AnthropicReplyOptions): string {
  return `toolu_${options.id.replace(/^msg_/, '')}`;
}

function stopReason(reply: Reply): string {
  if (reply.type === 'tool-call') return 'tool_use';
  return reply.finish === 'length'
    ? 'max_tokens'
    : reply.finish === 'stop-sequence'
      ? 'stop_sequence'
      : 'end_turn';
}

function stopSequence(reply: Reply): string | null {
  return reply.type === 'text' && reply.stopSequence !== undefined ? reply.stopSequence : null;
}

function outputTokens(options: AnthropicReplyOptions): number {
  const { reply } = options;
  const thinking = options.thinking === undefined ? 0 : countWords(options.thinking);
  return (
    thinking +
    (reply.type === 'text' ? countWords(reply.text) : Math.max(1, countWords(JSON.stringify(reply.input))))
  );
}

function usageObject(usage: PromptCacheUsage, output: number): Record<string, unknown> {
  return {
    input_tokens: usage.inputTokens,
    cache_creation_input_tokens: usage.cacheCreationInputTokens,
    cache_read_input_tokens: usage.cacheReadInputTokens,
    cache_creation: usage.cacheCreation,
    output_tokens: output,
    service_tier: 'standard',
  };
}

function contentBlocks(options: AnthropicReplyOptions): Record<string, unknown>[] {
  const { reply } = options;
  const blocks: Record<string, unknown>[] = [];
  if (options.thinking !== undefined)
    blocks.push({ type: 'thinking', thinking: options.thinking, signature });
  if (reply.type === 'text') blocks.push({ type: 'text', text: reply.text });
  else blocks.push({ type: 'tool_use', id: toolUseId(options), name: reply.toolName, input: reply.input });
  return blocks;
}

/** The `message` object of a non-streamed reply. */
export function anthropicMessage(options: AnthropicReplyOptions): Record<string, unknown> {
  return {
    id: options.id,
    type: 'message',
    role: 'assistant',
    model: options.model,
    content: contentBlocks(options),
    stop_reason: stopReason(options.reply),
    stop_sequence: stopSequence(options.reply),
    usage: usageObject(options.usage, outputTokens(options)),
  };
}

/**
 * The events of a streamed reply: `message_start`, `content_block_start`, `ping`, one
 * `content_block_delta` per word (or piece of tool input), `content_block_stop`, `message_delta`
 * with the stop reason and usage, `message_stop`.
 */
export function anthropicEvents(options: AnthropicReplyOptions): AnthropicFrame[] {
  const frame = (event: string, data: Record<string, unknown>, kind: FrameKind): AnthropicFrame => ({
    event,
    data: { type: event, ...data },
    kind,
  });
  const message = { ...anthropicMessage(options), content: [], stop_reason: null, stop_sequence: null };
  const frames = [
    frame('message_start', { message: { ...message, usage: usageObject(options.usage, 1) } }, 'meta'),
  ];
  for (const [index, block] of contentBlocks(options).entries()) {
    const delta = (value: Record<string, unknown>) =>
      frame('content_block_delta', { index, delta: value }, 'content');
    if (block.type === 'thinking') {
      frames.push(
        frame(
          'content_block_start',
          { index, content_block: { type: 'thinking', thinking: '', signature: '' } },
          'meta',
        ),
      );
      if (index === 0) frames.push(frame('ping', {}, 'meta'));
      for (const word of splitWords(String(block.thinking)))
        frames.push(delta({ type: 'thinking_delta', thinking: word }));
      frames.push(delta({ type: 'signature_delta', signature }));
    } else if (block.type === 'text') {
      frames.push(frame('content_block_start', { index, content_block: { type: 'text', text: '' } }, 'meta'));
      if (index === 0) frames.push(frame('ping', {}, 'meta'));
      for (const word of splitWords(String(block.text)))
        frames.push(delta({ type: 'text_delta', text: word }));
    } else {
      frames.push(frame('content_block_start', { index, content_block: { ...block, input: {} } }, 'content'));
      if (index === 0) frames.push(frame('ping', {}, 'meta'));
      for (const piece of ['', ...chunkText(JSON.stringify(block.input), 8)]) {
        frames.push(delta({ type: 'input_json_delta', partial_json: piece }));
      }
    }
    frames.push(frame('content_block_stop', { index }, 'meta'));
  }
  const {
    service_tier: _tier,
    cache_creation: _creation,
    ...usage
  } = usageObject(options.usage, outputTokens(options));
  frames.push(
    frame(
      'message_delta',
      {
        delta: { stop_reason: stopReason(options.reply), stop_sequence: stopSequence(options.reply) },
        usage,
      },
      'final',
    ),
    frame('message_stop', {}, 'final'),
  );
  return frames;
}
