import { GatewayError } from '../errors/gateway-error.js';
import type { ResultContentPart } from '../spec/v1/content-part.js';
import type { GenerateResult } from '../spec/v1/generate-result.js';
import type { ResponseInfo } from '../spec/v1/response-info.js';
import type { Warning } from '../spec/v1/warning.js';
import { convertOpenAIUsage } from './convert-openai-usage.js';
import { mapOpenAIFinishReason } from './map-openai-finish-reason.js';
import { type OpenAIChatCompletion, openaiChatCompletionSchema } from './openai-chat-completion-schema.js';
import { formatOpenAIParam } from './openai-validation-error.js';

/** A tool call id for OpenAI-compatible servers that send none. */
export function generateToolCallId(): string {
  return `call_${crypto.randomUUID().replaceAll('-', '').slice(0, 24)}`;
}

function invalidCompletion(reason: string, cause?: unknown): GatewayError {
  return new GatewayError(`Upstream returned an invalid chat completion: ${reason}`, {
    status: 502,
    type: 'upstream_error',
    isRetryable: true,
    cause,
  });
}

function errorMessageOf(json: unknown): string | undefined {
  if (typeof json !== 'object' || json === null) return undefined;
  const error = (json as Record<string, unknown>).error;
  if (typeof error === 'string') return error;
  if (typeof error === 'object' && error !== null) {
    const message = (error as Record<string, unknown>).message;
    if (typeof message === 'string') return message;
  }
  return undefined;
}

/** What a chat completion (or a stream's first chunk) says about itself. */
export function openaiResponseInfo(
  body: Pick<OpenAIChatCompletion, 'id' | 'model' | 'created' | 'system_fingerprint' | 'service_tier'>,
): ResponseInfo {
  const info: ResponseInfo = {};
  if (body.id != null) info.id = body.id;
  if (body.model != null) info.modelId = body.model;
  if (body.created != null) info.created = body.created;
  if (body.system_fingerprint != null || body.service_tier != null) {
    const extra: Record<string, unknown> = {};
    if (body.system_fingerprint != null) extra.system_fingerprint = body.system_fingerprint;
    if (body.service_tier != null) extra.service_tier = body.service_tier;
    info.extra = extra;
  }
  return info;
}

/**
 * Converts an OpenAI (or OpenAI-compatible) chat completion to a canonical result: content in
 * the order reasoning (`reasoning` or `reasoning_content`), text, refusal, tool calls; usage,
 * response info, logprobs and the finish reason. A body that is not a chat completion (an
 * `error` object in a 200, no choices, wrong types) throws a retryable 502 `GatewayError`.
 */
export function fromOpenAIChatResponse(json: unknown, warnings: Warning[]): GenerateResult {
  const upstreamError = errorMessageOf(json);
  if (upstreamError !== undefined) throw invalidCompletion(upstreamError);
  const parsed = openaiChatCompletionSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue ? formatOpenAIParam(issue.path) : '';
    throw invalidCompletion(where === '' ? 'not a JSON object' : `${where}: ${issue?.message}`, parsed.error);
  }
  const completion = parsed.data;
  const choice =
    completion.choices.find((item) => item.index == null || item.index === 0) ?? completion.choices[0];
  if (choice === undefined) throw invalidCompletion('no choices');
  const message = choice.message;

  const content: ResultContentPart[] = [];
  const reasoning = message.reasoning ?? message.reasoning_content;
  if (reasoning) content.push({ type: 'reasoning', text: reasoning });
  if (typeof message.content === 'string') {
    content.push({ type: 'text', text: message.content });
  } else if (message.content) {
    const text = message.content.map((part) => (part.type === 'text' ? (part.text ?? '') : '')).join('');
    content.push({ type: 'text', text });
  }
  if (message.refusal) content.push({ type: 'refusal', text: message.refusal });
  for (const call of message.tool_calls ?? []) {
    content.push({
      type: 'tool-call',
      toolCallId: call.id ?? generateToolCallId(),
      toolName: call.function.name,
      input: call.function.arguments ?? '{}',
    });
  }
  if (message.function_call) {
    content.push({
      type: 'tool-call',
      toolCallId: message.function_call.name,
      toolName: message.function_call.name,
      input: message.function_call.arguments ?? '{}',
    });
  }

  const result: GenerateResult = {
    content,
    finishReason: mapOpenAIFinishReason(choice.finish_reason),
    usage: convertOpenAIUsage(completion.usage),
    warnings,
    response: openaiResponseInfo(completion),
  };
  if (choice.logprobs != null) result.logprobs = choice.logprobs;
  return result;
}
