import { emptyUsage, type Usage } from '@signalbox/core';

function count(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

/**
 * Converts Gemini's `usageMetadata` to canonical usage, without losing data:
 *
 * - input: `promptTokenCount` (cached tokens included) plus `toolUsePromptTokenCount` (the
 *   results of built-in tools, billed as input); `cacheRead` is `cachedContentTokenCount`
 *   (Gemini omits it when nothing was read from a cache, so it is 0 then) and `noCache` the rest;
 *   `cacheWrite` is 0, as `generateContent` never writes a cache (explicit caches are created
 *   through their own API).
 * - output: `candidatesTokenCount` is the text, `thoughtsTokenCount` the reasoning (both billed
 *   as output), `total` their sum.
 *
 * No `usageMetadata` at all gives every count `undefined` (unknown, not 0). The object as it came
 * is kept in `raw`.
 */
export function convertGoogleUsage(usageMetadata: unknown): Usage {
  if (typeof usageMetadata !== 'object' || usageMetadata === null) return emptyUsage();
  const usage = usageMetadata as Record<string, unknown>;
  const prompt = count(usage.promptTokenCount);
  const toolUse = count(usage.toolUsePromptTokenCount) ?? 0;
  const cached = count(usage.cachedContentTokenCount) ?? 0;
  const candidates = count(usage.candidatesTokenCount);
  const thoughts = count(usage.thoughtsTokenCount);
  const inputTotal = prompt === undefined ? undefined : prompt + toolUse;
  const outputKnown = candidates !== undefined || thoughts !== undefined || prompt !== undefined;
  const text = outputKnown ? (candidates ?? 0) : undefined;
  const reasoning = outputKnown ? (thoughts ?? 0) : undefined;
  return {
    inputTokens: {
      total: inputTotal,
      noCache: inputTotal === undefined ? undefined : inputTotal - cached,
      cacheRead: inputTotal === undefined ? undefined : cached,
      cacheWrite: inputTotal === undefined ? undefined : 0,
    },
    outputTokens: {
      total: text === undefined || reasoning === undefined ? undefined : text + reasoning,
      text,
      reasoning,
    },
    raw: usage,
  };
}
