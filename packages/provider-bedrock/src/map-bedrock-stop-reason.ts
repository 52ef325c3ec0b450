import type { FinishReason, UnifiedFinishReason } from '@signalbox/core';

const unifiedByStopReason: Record<string, UnifiedFinishReason> = {
  end_turn: 'stop',
  stop_sequence: 'stop',
  max_tokens: 'length',
  model_context_window_exceeded: 'length',
  tool_use: 'tool-calls',
  guardrail_intervened: 'content-filter',
  content_filtered: 'content-filter',
};

/**
 * Bedrock `stopReason` -> canonical finish reason, with the raw value kept: `end_turn` and
 * `stop_sequence` -> stop, `max_tokens` (and `model_context_window_exceeded`) -> length,
 * `tool_use` -> tool-calls, `guardrail_intervened` and `content_filtered` -> content-filter,
 * anything else (`malformed_model_output`...) -> other.
 */
export function mapBedrockStopReason(stopReason: string | null | undefined): FinishReason {
  if (stopReason === null || stopReason === undefined) return { unified: 'other', raw: undefined };
  return { unified: unifiedByStopReason[stopReason] ?? 'other', raw: stopReason };
}
