import type { Reply } from '../fake/reply.js';
import type { FrameKind } from '../fake/sse-writer.js';
import { chunkText, countWords, splitWords } from '../fake/tokens.js';

/** Everything an OpenAI response is built from. */
export interface OpenAIReplyOptions {
  id: string;
  created: number;
  /** The model name to echo (directives stripped). */
  model: string;
  /** Number of choices. */
  n: number;
  reply: Reply;
  promptTokens: number;
}

/** One streamed frame: a chunk object (or `[DONE]`) and its kind for the stream faults. */
export interface OpenAIFrame {
  data: Record<string, unknown> | '[DONE]';
  kind: FrameKind;
}

const fingerprint = 'fp_fake0001';

function toolCallId(options: OpenAIReplyOptions, choice: number): string {
  return `call_${options.id.replace(/^chatcmpl-/, '')}_${choice}`;
}

function finishReason(reply: Reply): string {
  if (reply.type === 'tool-call') return 'tool_calls';
  return reply.finish === 'length' ? 'length' : 'stop';
}

function completionTokens(reply: Reply): number {
  return reply.type === 'text'
    ? countWords(reply.text)
    : Math.max(1, countWords(JSON.stringify(reply.input)));
}

/** OpenAI's usage object for a reply. */
export function openAIUsage(options: OpenAIReplyOptions): Record<string, unknown> {
  const completion = completionTokens(options.reply) * options.n;
  return {
    prompt_tokens: options.promptTokens,
    completion_tokens: completion,
    total_tokens: options.promptTokens + completion,
    prompt_tokens_details: { cached_tokens: 0, audio_tokens: 0 },
    completion_tokens_details: {
      reasoning_tokens: 0,
      audio_tokens: 0,
      accepted_prediction_tokens: 0,
      rejected_prediction_tokens: 0,
    },
  };
}

/** The `chat.completion` object of a non-streamed reply. */
export function openAICompletion(options: OpenAIReplyOptions): Record<string, unknown> {
  const { reply } = options;
  const choices = Array.from({ length: options.n }, (_, index) => ({
    index,
    message:
      reply.type === 'text'
        ? { role: 'assistant', content: reply.text, refusal: null, annotations: [] }
        : {
            role: 'assistant',
            content: null,
            refusal: null,
            annotations: [],
            tool_calls: [
              {
                id: toolCallId(options, index),
                type: 'function',
                function: { name: reply.toolName, arguments: JSON.stringify(reply.input) },
              },
            ],
          },
    logprobs: null,
    finish_reason: finishReason(reply),
  }));
  return {
    id: options.id,
    object: 'chat.completion',
    created: options.created,
    model: options.model,
    choices,
    usage: openAIUsage(options),
    service_tier: 'default',
    system_fingerprint: fingerprint,
  };
}

/**
 * The `chat.completion.chunk` frames of a streamed reply: a role chunk, one chunk per word (or
 * per piece of tool arguments), a finish chunk per choice, the usage chunk when asked, `[DONE]`.
 */
export function openAIChunks(options: OpenAIReplyOptions, includeUsage: boolean): OpenAIFrame[] {
  const { reply } = options;
  const chunk = (choices: unknown[], extra: Record<string, unknown> = {}) => ({
    id: options.id,
    object: 'chat.completion.chunk',
    created: options.created,
    model: options.model,
    service_tier: 'default',
    system_fingerprint: fingerprint,
    choices,
    ...(includeUsage && { usage: null }),
    ...extra,
  });
  const delta = (index: number, value: Record<string, unknown>, finish: string | null = null) =>
    chunk([{ index, delta: value, logprobs: null, finish_reason: finish }]);
  const frames: OpenAIFrame[] = [];
  for (let index = 0; index < options.n; index += 1) {
    if (reply.type === 'text') {
      frames.push({ data: delta(index, { role: 'assistant', content: '', refusal: null }), kind: 'meta' });
      for (const word of splitWords(reply.text))
        frames.push({ data: delta(index, { content: word }), kind: 'content' });
    } else {
      const call = { index: 0, id: toolCallId(options, index), type: 'function' };
      const start = {
        role: 'assistant',
        content: null,
        tool_calls: [{ ...call, function: { name: reply.toolName, arguments: '' } }],
      };
      frames.push({ data: delta(index, start), kind: 'content' });
      for (const piece of chunkText(JSON.stringify(reply.input), 8)) {
        frames.push({
          data: delta(index, { tool_calls: [{ index: 0, function: { arguments: piece } }] }),
          kind: 'content',
        });
      }
    }
  }
  for (let index = 0; index < options.n; index += 1) {
    frames.push({ data: delta(index, {}, finishReason(reply)), kind: 'final' });
  }
  if (includeUsage) frames.push({ data: chunk([], { usage: openAIUsage(options) }), kind: 'final' });
  frames.push({ data: '[DONE]', kind: 'final' });
  return frames;
}
