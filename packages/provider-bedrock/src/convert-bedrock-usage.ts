import type { Usage } from '@signalbox/core';

function count(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

/**
 * Bedrock Converse usage -> canonical usage. Bedrock's `inputTokens` excludes cached tokens (as
 * Anthropic's does), so `inputTokens.total` = input + cache reads + cache writes and `noCache` =
 * `inputTokens`. Bedrock leaves the cache counts out when nothing was cached: when
 * `totalTokens` = input + output they are known to be 0, otherwise they stay undefined. The
 * output is not split into text and reasoning (undefined). The object is kept as `raw`.
 */
export function convertBedrockUsage(usage: unknown): Usage {
  const wire = typeof usage === 'object' && usage !== null ? (usage as Record<string, unknown>) : undefined;
  const input = count(wire?.inputTokens);
  const output = count(wire?.outputTokens);
  const total = count(wire?.totalTokens);
  let cacheRead = count(wire?.cacheReadInputTokens);
  let cacheWrite = count(wire?.cacheWriteInputTokens);
  if (input !== undefined && output !== undefined && total !== undefined) {
    const cached = total - input - output;
    if (cacheRead === undefined && cacheWrite === undefined && cached === 0) {
      cacheRead = 0;
      cacheWrite = 0;
    } else if (cacheRead === undefined && cacheWrite !== undefined && cached >= cacheWrite) {
      cacheRead = cached - cacheWrite;
    } else if (cacheWrite === undefined && cacheRead !== undefined && cached >= cacheRead) {
      cacheWrite = cached - cacheRead;
    }
  }
  return {
    inputTokens: {
      total: input === undefined ? undefined : input + (cacheRead ?? 0) + (cacheWrite ?? 0),
      noCache: input,
      cacheRead,
      cacheWrite,
    },
    outputTokens: { total: output, text: undefined, reasoning: undefined },
    ...(wire !== undefined && { raw: wire }),
  };
}
