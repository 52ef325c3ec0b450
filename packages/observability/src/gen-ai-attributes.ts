import type { Attributes } from '@opentelemetry/api';
import type { Attempt, ChatRequest } from '@signalbox/core';
import type { RequestLogRecord } from './log-record.js';

/** OpenTelemetry GenAI finish reasons for the canonical ones. */
const FINISH_REASONS: Record<string, string> = {
  stop: 'stop',
  length: 'length',
  'tool-calls': 'tool_calls',
  'content-filter': 'content_filter',
  error: 'error',
  other: 'other',
};

function put(
  attributes: Attributes,
  name: string,
  value: string | number | boolean | string[] | null | undefined,
): void {
  if (value !== undefined && value !== null) attributes[name] = value;
}

/** The request attributes of a GenAI `chat` span, known when the request starts. */
export function requestAttributes(request: ChatRequest): Attributes {
  const attributes: Attributes = { 'gen_ai.operation.name': 'chat', 'gen_ai.request.model': request.model };
  put(attributes, 'gen_ai.request.max_tokens', request.maxOutputTokens);
  put(attributes, 'gen_ai.request.temperature', request.temperature);
  put(attributes, 'gen_ai.request.top_p', request.topP);
  put(attributes, 'gen_ai.request.top_k', request.topK);
  put(attributes, 'gen_ai.request.frequency_penalty', request.frequencyPenalty);
  put(attributes, 'gen_ai.request.presence_penalty', request.presencePenalty);
  put(attributes, 'gen_ai.request.stop_sequences', request.stopSequences);
  put(attributes, 'gen_ai.request.seed', request.seed);
  if (request.n !== undefined && request.n !== 1) attributes['gen_ai.request.choice.count'] = request.n;
  attributes['gen_ai.output.type'] = request.responseFormat?.type === 'json' ? 'json' : 'text';
  attributes['signalbox.stream'] = request.stream;
  return attributes;
}

/**
 * The response attributes of the request's span, from its log record: provider, response model
 * and id, token usage, finish reason, `error.type` on failure, and Signalbox's own
 * (`signalbox.generation_id`, `.cache_status`, `.cost`, `.attempts`, `.principal_id`, `.project_id`).
 */
export function responseAttributes(record: RequestLogRecord, responseModel: string | undefined): Attributes {
  const attributes: Attributes = {};
  put(attributes, 'gen_ai.provider.name', record.provider);
  put(attributes, 'gen_ai.response.model', responseModel ?? record.providerModelId);
  put(attributes, 'gen_ai.response.id', record.responseId);
  put(attributes, 'gen_ai.usage.input_tokens', record.tokens.input);
  put(attributes, 'gen_ai.usage.output_tokens', record.tokens.output);
  put(attributes, 'gen_ai.usage.cache_read.input_tokens', record.tokens.cacheRead);
  put(attributes, 'gen_ai.usage.cache_creation.input_tokens', record.tokens.cacheWrite);
  if (record.finishReason !== null) {
    attributes['gen_ai.response.finish_reasons'] = [
      FINISH_REASONS[record.finishReason] ?? record.finishReason,
    ];
  }
  if (record.errorType !== null) attributes['error.type'] = record.errorType;
  attributes['http.response.status_code'] = record.status;
  attributes['signalbox.generation_id'] = record.generationId;
  attributes['signalbox.endpoint'] = record.endpoint;
  attributes['signalbox.model'] = record.model;
  attributes['signalbox.attempts'] = record.attempts.length;
  put(attributes, 'signalbox.cache_status', record.cacheStatus);
  put(attributes, 'signalbox.cost', record.cost?.total);
  put(attributes, 'signalbox.principal_id', record.principalId);
  put(attributes, 'signalbox.project_id', record.projectId);
  if (record.aborted) attributes['signalbox.aborted'] = true;
  return attributes;
}

/** The attributes of one provider attempt's span. */
export function attemptAttributes(attempt: Attempt, index: number): Attributes {
  const attributes: Attributes = {
    'gen_ai.operation.name': 'chat',
    'gen_ai.provider.name': attempt.provider,
    'gen_ai.request.model': attempt.providerModelId,
    'signalbox.model': attempt.model,
    'signalbox.attempt': index + 1,
    'signalbox.credential_type': attempt.credentialType,
  };
  put(attributes, 'gen_ai.response.id', attempt.providerResponseId);
  put(attributes, 'http.response.status_code', attempt.statusCode);
  if (!attempt.success)
    attributes['error.type'] = attempt.error?.type ?? String(attempt.statusCode ?? 'error');
  return attributes;
}
