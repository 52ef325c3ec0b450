import type { FinishReason, UnifiedFinishReason } from '@signalbox/core';

const unified: Record<string, UnifiedFinishReason> = {
  COMPLETE: 'stop',
  STOP_SEQUENCE: 'stop',
  MAX_TOKENS: 'length',
  TOOL_CALL: 'tool-calls',
  ERROR: 'error',
  TIMEOUT: 'error',
  // Values of the v1 API, still seen from some deployments.
  ERROR_TOXIC: 'content-filter',
  ERROR_LIMIT: 'length',
  USER_CANCEL: 'other',
};

/**
 * Cohere's `finish_reason` as a canonical finish reason, the raw value kept:
 * `COMPLETE` and `STOP_SEQUENCE` -> `stop`, `MAX_TOKENS` -> `length`, `TOOL_CALL` ->
 * `tool-calls`, `ERROR` -> `error`; anything else -> `other`.
 */
export function mapCohereFinishReason(finishReason: string | null | undefined): FinishReason {
  const raw = finishReason ?? undefined;
  const known = raw !== undefined && Object.hasOwn(unified, raw) ? unified[raw] : undefined;
  return { unified: known ?? 'other', raw };
}
