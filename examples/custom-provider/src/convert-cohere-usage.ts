import type { Usage } from '@signalbox/core';

function count(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

function field(value: unknown, key: string): unknown {
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[key] : undefined;
}

/**
 * Cohere's `usage` object as canonical usage:
 *
 * - `inputTokens.total` / `outputTokens.total` are `tokens.input_tokens` / `tokens.output_tokens`
 *   (what the model processed), falling back to `billed_units` when `tokens` is absent;
 * - `cached_tokens` is `inputTokens.cacheRead`, and only when it is reported is `noCache` known
 *   (total minus cached); Cohere has no cache writes to report, so `cacheWrite` stays unknown;
 * - Cohere does not split thinking from text in its output count, so `text` and `reasoning`
 *   stay `undefined`.
 *
 * Unknown counts are `undefined`, never 0. `raw` keeps the object as it came, `billed_units`
 * (what Cohere charges for) included.
 */
export function convertCohereUsage(usage: unknown): Usage {
  const tokens = field(usage, 'tokens');
  const billed = field(usage, 'billed_units');
  const inputTotal = count(field(tokens, 'input_tokens')) ?? count(field(billed, 'input_tokens'));
  const outputTotal = count(field(tokens, 'output_tokens')) ?? count(field(billed, 'output_tokens'));
  const cacheRead = count(field(usage, 'cached_tokens'));
  const result: Usage = {
    inputTokens: {
      total: inputTotal,
      noCache:
        inputTotal === undefined || cacheRead === undefined ? undefined : Math.max(0, inputTotal - cacheRead),
      cacheRead,
      cacheWrite: undefined,
    },
    outputTokens: { total: outputTotal, text: undefined, reasoning: undefined },
  };
  if (typeof usage === 'object' && usage !== null && !Array.isArray(usage))
    result.raw = usage as Record<string, unknown>;
  return result;
}
