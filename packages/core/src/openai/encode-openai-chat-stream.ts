import { GatewayError } from '../errors/gateway-error.js';
import type { EncodeOptions } from '../gateway/client-codec.js';
import { sseFrame, sseJson } from '../sse/sse-frame.js';
import type { StreamPart } from '../spec/v1/stream-part.js';
import { toOpenAIUsage } from './convert-openai-usage.js';
import { toOpenAIFinishReason } from './map-openai-finish-reason.js';
import { mergeOpenAIUsage } from './merge-openai-usage.js';

type FinishPart = Extract<StreamPart, { type: 'finish' }>;

const done = sseFrame('[DONE]');
const noLogprobs = Symbol('no logprobs');

/** The `{code, message}` of OpenRouter's mid-stream error chunk; internals of other errors never leak. */
function streamError(error: unknown): { code: number | string; message: string } {
  if (GatewayError.isInstance(error)) return { code: error.status, message: error.message };
  return { code: 'server_error', message: 'Internal gateway error' };
}

/**
 * Encodes canonical stream parts as OpenAI `chat.completion.chunk` SSE frames, one frame per
 * part as it arrives (never buffered): a first chunk with `delta: {role: 'assistant', content: ''}`,
 * then `content`, `reasoning` (OpenRouter's field), `refusal` and `tool_calls` deltas, then the
 * finish chunk, the usage chunk (`choices: []`) when the client or the gateway asked for usage,
 * and `data: [DONE]`.
 *
 * The middlewares' extension is evaluated once, when the source stream has ended: `message` is
 * merged into the finish chunk's `delta`, `choice` into its choice, `body` into the finish and
 * usage chunks, `usage` into the usage. An `error` part, a throw, or a stream without `finish`
 * ends the stream with OpenRouter's error chunk (`finish_reason: 'error'`) and `[DONE]`.
 */
export async function* encodeOpenAIChatStream(
  parts: AsyncIterable<StreamPart>,
  options: EncodeOptions,
): AsyncGenerator<string> {
  const { id, created, model } = options;
  let systemFingerprint: string | undefined;
  let started = false;
  let finish: FinishPart | undefined;
  let failure: unknown;
  let failed = false;
  let pendingLogprobs: unknown = noLogprobs;
  const toolIndexes = new Map<string, number>();

  const chunk = (
    delta: Record<string, unknown>,
    finishReason: string | null = null,
    choiceExtension?: Record<string, unknown>,
  ): Record<string, unknown> => {
    const logprobs = pendingLogprobs === noLogprobs ? null : pendingLogprobs;
    pendingLogprobs = noLogprobs;
    const choice: Record<string, unknown> = { index: 0, delta, logprobs, finish_reason: finishReason };
    if (choiceExtension) Object.assign(choice, choiceExtension);
    const value: Record<string, unknown> = { id, object: 'chat.completion.chunk', created, model };
    if (systemFingerprint !== undefined) value.system_fingerprint = systemFingerprint;
    value.choices = [choice];
    return value;
  };
  const roleFrame = (): string => {
    started = true;
    return sseJson(chunk({ role: 'assistant', content: '' }));
  };

  try {
    for await (const part of parts) {
      if (finish !== undefined) {
        if (part.type === 'error') {
          failed = true;
          failure = part.error;
          break;
        }
        continue;
      }
      let delta: Record<string, unknown> | undefined;
      switch (part.type) {
        case 'response-metadata': {
          const fingerprint = part.extra?.system_fingerprint;
          if (typeof fingerprint === 'string') systemFingerprint = fingerprint;
          break;
        }
        case 'text-delta':
          if (part.delta !== '') delta = { content: part.delta };
          break;
        case 'reasoning-delta':
          if (part.delta !== '') delta = { reasoning: part.delta };
          break;
        case 'refusal-delta':
          if (part.delta !== '') delta = { refusal: part.delta };
          break;
        case 'tool-input-start': {
          const index = toolIndexes.size;
          toolIndexes.set(part.id, index);
          delta = {
            tool_calls: [
              { index, id: part.id, type: 'function', function: { name: part.toolName, arguments: '' } },
            ],
          };
          break;
        }
        case 'tool-input-delta': {
          const index = toolIndexes.get(part.id);
          if (index !== undefined && part.delta !== '') {
            delta = { tool_calls: [{ index, function: { arguments: part.delta } }] };
          }
          break;
        }
        case 'tool-call': {
          if (toolIndexes.has(part.toolCallId)) break;
          const index = toolIndexes.size;
          toolIndexes.set(part.toolCallId, index);
          delta = {
            tool_calls: [
              {
                index,
                id: part.toolCallId,
                type: 'function',
                function: { name: part.toolName, arguments: part.input },
              },
            ],
          };
          break;
        }
        case 'logprobs':
          if (pendingLogprobs !== noLogprobs) {
            if (!started) yield roleFrame();
            yield sseJson(chunk({}));
          }
          pendingLogprobs = part.logprobs;
          break;
        case 'finish':
          finish = part;
          break;
        case 'error':
          failed = true;
          failure = part.error;
          break;
        default:
          break;
      }
      if (failed) break;
      if (delta !== undefined) {
        if (!started) yield roleFrame();
        yield sseJson(chunk(delta));
      }
    }
  } catch (error) {
    failed = true;
    failure = error;
  }

  if (!failed && finish === undefined) {
    failed = true;
    failure = new GatewayError('Upstream stream ended before completion', {
      status: 502,
      type: 'upstream_error',
    });
  }
  if (failed || finish === undefined) {
    yield sseJson({
      id,
      object: 'chat.completion.chunk',
      created,
      model,
      error: streamError(failure),
      choices: [{ index: 0, delta: { content: '' }, finish_reason: 'error' }],
    });
    yield done;
    return;
  }

  if (!started) yield roleFrame();
  const extension = options.extend();
  const finishChunk = chunk(
    { ...extension.message },
    toOpenAIFinishReason(finish.finishReason),
    extension.choice,
  );
  if (extension.body) Object.assign(finishChunk, extension.body);
  yield sseJson(finishChunk);

  if (options.includeUsage || options.request.includeUsage) {
    const usageChunk: Record<string, unknown> = { id, object: 'chat.completion.chunk', created, model };
    if (systemFingerprint !== undefined) usageChunk.system_fingerprint = systemFingerprint;
    usageChunk.choices = [];
    usageChunk.usage = mergeOpenAIUsage(toOpenAIUsage(finish.usage), extension.usage);
    if (extension.body) Object.assign(usageChunk, extension.body);
    yield sseJson(usageChunk);
  }
  yield done;
}
