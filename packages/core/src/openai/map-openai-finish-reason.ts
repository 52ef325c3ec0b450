import type { FinishReason, UnifiedFinishReason } from '../spec/v1/finish-reason.js';

/** The finish reasons the OpenAI API itself sends. */
const openaiFinishReasons = new Set(['stop', 'length', 'tool_calls', 'content_filter', 'function_call']);

/**
 * Maps an OpenAI (or OpenAI-compatible) `finish_reason` to the canonical finish reason, keeping
 * the raw value. Unknown or missing values are `other`.
 */
export function mapOpenAIFinishReason(raw: string | null | undefined): FinishReason {
  return { unified: unifiedFinishReason(raw), raw: raw ?? undefined };
}

function unifiedFinishReason(raw: string | null | undefined): UnifiedFinishReason {
  switch (raw) {
    case 'stop':
      return 'stop';
    case 'length':
      return 'length';
    case 'content_filter':
      return 'content-filter';
    case 'tool_calls':
    case 'function_call':
      return 'tool-calls';
    case 'error':
      return 'error';
    default:
      return 'other';
  }
}

/**
 * The `finish_reason` to send an OpenAI client. The raw value is kept when it is one OpenAI
 * sends itself (so a pass-through answer is unchanged); otherwise the unified reason is mapped,
 * and `error`/`other` become `stop`.
 */
export function toOpenAIFinishReason(reason: FinishReason): string {
  if (reason.raw !== undefined && openaiFinishReasons.has(reason.raw)) return reason.raw;
  switch (reason.unified) {
    case 'length':
      return 'length';
    case 'content-filter':
      return 'content_filter';
    case 'tool-calls':
      return 'tool_calls';
    default:
      return 'stop';
  }
}
