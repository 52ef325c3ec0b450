import type { EncodeOptions } from '../gateway/client-codec.js';
import type { GenerateResult } from '../spec/v1/generate-result.js';
import { toOpenAIUsage } from './convert-openai-usage.js';
import { toOpenAIFinishReason } from './map-openai-finish-reason.js';
import { mergeOpenAIUsage } from './merge-openai-usage.js';

function append(current: string | undefined, text: string, separator: string): string {
  return current === undefined ? text : current + separator + text;
}

/**
 * The assistant message of a result in OpenAI's shape: `content` (the text parts joined, or
 * null), `refusal` (or null), `tool_calls` when there are any, and `reasoning` (OpenRouter's
 * field) when the model reasoned.
 */
export function encodeOpenAIMessage(result: GenerateResult): Record<string, unknown> {
  let content: string | undefined;
  let refusal: string | undefined;
  let reasoning: string | undefined;
  let toolCalls: Array<Record<string, unknown>> | undefined;
  for (const part of result.content) {
    switch (part.type) {
      case 'text':
        content = append(content, part.text, '');
        break;
      case 'refusal':
        refusal = append(refusal, part.text, '');
        break;
      case 'reasoning':
        if (part.text !== '') reasoning = append(reasoning, part.text, '\n');
        break;
      case 'tool-call':
        toolCalls ??= [];
        toolCalls.push({
          id: part.toolCallId,
          type: 'function',
          function: { name: part.toolName, arguments: part.input },
        });
        break;
    }
  }
  const message: Record<string, unknown> = {
    role: 'assistant',
    content: content ?? null,
    refusal: refusal ?? null,
  };
  if (toolCalls) message.tool_calls = toolCalls;
  if (reasoning !== undefined) message.reasoning = reasoning;
  return message;
}

/**
 * Encodes a result as the `chat.completion` object OpenAI returns, then merges the middlewares'
 * extension: `body` into the top level, `choice` into `choices[0]`, `message` into its message
 * and `usage` into `usage` (the `*_details` objects merged key by key).
 */
export function encodeOpenAIChatResponse(
  result: GenerateResult,
  options: EncodeOptions,
): Record<string, unknown> {
  const extension = options.extend();
  const message = encodeOpenAIMessage(result);
  if (extension.message) Object.assign(message, extension.message);
  const choice: Record<string, unknown> = {
    index: 0,
    message,
    logprobs: result.logprobs ?? null,
    finish_reason: toOpenAIFinishReason(result.finishReason),
  };
  if (extension.choice) Object.assign(choice, extension.choice);
  const body: Record<string, unknown> = {
    id: options.id,
    object: 'chat.completion',
    created: options.created,
    model: options.model,
    choices: [choice],
    usage: mergeOpenAIUsage(toOpenAIUsage(result.usage), extension.usage),
  };
  const fingerprint = result.response.extra?.system_fingerprint;
  if (typeof fingerprint === 'string') body.system_fingerprint = fingerprint;
  if (extension.body) Object.assign(body, extension.body);
  return body;
}
