import type { FinishReason, UnifiedFinishReason } from '../spec/v1/finish-reason.js';

/** The values of Anthropic's `stop_reason`. */
export type AnthropicStopReason =
  | 'end_turn'
  | 'max_tokens'
  | 'stop_sequence'
  | 'tool_use'
  | 'pause_turn'
  | 'refusal'
  | 'model_context_window_exceeded';

const unifiedByStopReason: Record<string, UnifiedFinishReason> = {
  end_turn: 'stop',
  stop_sequence: 'stop',
  max_tokens: 'length',
  model_context_window_exceeded: 'length',
  tool_use: 'tool-calls',
  refusal: 'content-filter',
  pause_turn: 'other',
};

/**
 * Anthropic `stop_reason` -> canonical finish reason, with the raw value kept: `end_turn` and
 * `stop_sequence` -> stop, `max_tokens` (and `model_context_window_exceeded`) -> length,
 * `tool_use` -> tool-calls, `refusal` -> content-filter, `pause_turn` and anything else -> other.
 */
export function mapAnthropicStopReason(stopReason: string | null | undefined): FinishReason {
  if (stopReason === null || stopReason === undefined) return { unified: 'other', raw: undefined };
  return { unified: unifiedByStopReason[stopReason] ?? 'other', raw: stopReason };
}

const stopReasonByUnified: Record<UnifiedFinishReason, AnthropicStopReason> = {
  stop: 'end_turn',
  length: 'max_tokens',
  'tool-calls': 'tool_use',
  'content-filter': 'refusal',
  error: 'end_turn',
  other: 'end_turn',
};

/**
 * Canonical finish reason -> Anthropic `stop_reason`. The raw value is kept when it is an
 * Anthropic value that agrees with the unified one (so `stop_sequence` and `pause_turn` survive);
 * otherwise the unified reason is mapped (stop -> end_turn, length -> max_tokens, tool-calls ->
 * tool_use, content-filter -> refusal, error and other -> end_turn).
 */
export function toAnthropicStopReason(finishReason: FinishReason): AnthropicStopReason {
  const raw = finishReason.raw;
  if (raw !== undefined && unifiedByStopReason[raw] === finishReason.unified)
    return raw as AnthropicStopReason;
  return stopReasonByUnified[finishReason.unified];
}
