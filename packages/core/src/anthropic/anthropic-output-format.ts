import type { ChatRequest, ResponseFormat } from '../spec/v1/chat-request.js';
import { isRecord } from './anthropic-extras.js';

/**
 * Anthropic's structured outputs: `output_config.format` (or the beta's `output_format`), e.g.
 * `{type: 'json_schema', schema}`, from a request's extra fields.
 */
function nativeFormatOf(extraFields: Record<string, unknown>): unknown {
  const config = extraFields.output_config;
  if (isRecord(config) && config.format !== undefined) return config.format;
  return extraFields.output_format;
}

/**
 * The canonical response format an Anthropic client asked for with structured outputs:
 * `{type: 'json_schema', schema}` -> `{type: 'json', schema}`; undefined for anything else. The
 * wire field itself stays in `source.extraFields`, so an Anthropic upstream gets it as sent.
 */
export function decodeAnthropicOutputFormat(
  extraFields: Record<string, unknown>,
): ResponseFormat | undefined {
  const format = nativeFormatOf(extraFields);
  if (!isRecord(format) || format.type !== 'json_schema') return undefined;
  return isRecord(format.schema) ? { type: 'json', schema: format.schema } : { type: 'json' };
}

/**
 * Whether the request came from an Anthropic client with its own structured-outputs field, which
 * reaches an Anthropic upstream as sent (so no JSON instruction is added to the system prompt).
 */
export function hasNativeOutputFormat(request: ChatRequest): boolean {
  const source = request.source;
  return source?.format === 'anthropic' && nativeFormatOf(source.extraFields) !== undefined;
}
