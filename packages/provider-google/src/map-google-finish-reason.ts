import type { FinishReason, UnifiedFinishReason } from '@signalbox/core';

/** Finish reasons that mean Google's filters stopped the answer. */
const filtered = new Set([
  'SAFETY',
  'RECITATION',
  'BLOCKLIST',
  'PROHIBITED_CONTENT',
  'SPII',
  'IMAGE_SAFETY',
  'IMAGE_PROHIBITED_CONTENT',
  'IMAGE_RECITATION',
]);

/** Finish reasons that mean the model produced a function call the API could not use. */
const failedCalls = new Set(['MALFORMED_FUNCTION_CALL', 'UNEXPECTED_TOOL_CALL', 'TOO_MANY_TOOL_CALLS']);

/**
 * Maps a Gemini `finishReason` (or a `promptFeedback.blockReason`) to the unified reason, keeping
 * the raw value. Gemini reports `STOP` for a turn that called functions too, so `hasToolCalls`
 * turns that into `tool-calls`. `SAFETY`, `RECITATION`, `BLOCKLIST`, `PROHIBITED_CONTENT`, `SPII`
 * and the image variants are `content-filter`; `MAX_TOKENS` is `length`; a malformed or
 * unexpected function call is `error`; anything else (`OTHER`, `LANGUAGE`, unknown) is `other`.
 *
 * @example
 * mapGoogleFinishReason('STOP', { hasToolCalls: true }); // { unified: 'tool-calls', raw: 'STOP' }
 */
export function mapGoogleFinishReason(
  raw: string | undefined,
  options: { hasToolCalls?: boolean } = {},
): FinishReason {
  return { unified: unifiedReason(raw, options.hasToolCalls === true), raw };
}

function unifiedReason(raw: string | undefined, hasToolCalls: boolean): UnifiedFinishReason {
  if (raw === 'STOP' || raw === undefined) return hasToolCalls ? 'tool-calls' : 'stop';
  if (raw === 'MAX_TOKENS') return 'length';
  if (filtered.has(raw)) return 'content-filter';
  if (failedCalls.has(raw)) return 'error';
  return 'other';
}
