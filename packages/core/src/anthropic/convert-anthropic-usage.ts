import type { Usage } from '../spec/v1/usage.js';

/** A usage object as Anthropic sends it (counts may be null or absent). */
export interface AnthropicUsageInput {
  input_tokens?: number | null;
  output_tokens?: number | null;
  cache_creation_input_tokens?: number | null;
  cache_read_input_tokens?: number | null;
  [key: string]: unknown;
}

/** Usage in Anthropic's wire shape; cache counts are null when unknown. */
export interface AnthropicWireUsage {
  input_tokens: number;
  output_tokens: number;
  cache_creation_input_tokens: number | null;
  cache_read_input_tokens: number | null;
}

function count(value: unknown): number | undefined {
  return typeof value === 'number' ? value : undefined;
}

/**
 * Anthropic usage -> canonical usage. Anthropic's `input_tokens` excludes cached tokens, so
 * `inputTokens.total` = input + cache writes + cache reads, `noCache` = `input_tokens`,
 * `cacheRead` = `cache_read_input_tokens`, `cacheWrite` = `cache_creation_input_tokens`.
 * `outputTokens.total` = `output_tokens`; the reasoning share is not reported (undefined).
 * A count Anthropic did not send stays undefined; the object is kept as `raw`.
 */
export function convertAnthropicUsage(usage: AnthropicUsageInput | null | undefined): Usage {
  const input = count(usage?.input_tokens);
  const cacheWrite = count(usage?.cache_creation_input_tokens);
  const cacheRead = count(usage?.cache_read_input_tokens);
  const output = count(usage?.output_tokens);
  return {
    inputTokens: {
      total: input === undefined ? undefined : input + (cacheWrite ?? 0) + (cacheRead ?? 0),
      noCache: input,
      cacheRead,
      cacheWrite,
    },
    outputTokens: { total: output, text: undefined, reasoning: undefined },
    ...(usage !== null && usage !== undefined && { raw: usage }),
  };
}

/**
 * Canonical usage -> Anthropic usage. `input_tokens` is the uncached input (`noCache`, or the
 * total minus the cache counts); unknown input and output counts become 0 (the API always sends
 * numbers there), unknown cache counts become null.
 */
export function toAnthropicUsage(usage: Usage): AnthropicWireUsage {
  const { total, noCache, cacheRead, cacheWrite } = usage.inputTokens;
  let input = noCache;
  if (input === undefined && total !== undefined)
    input = Math.max(0, total - (cacheRead ?? 0) - (cacheWrite ?? 0));
  return {
    input_tokens: input ?? 0,
    output_tokens: usage.outputTokens.total ?? 0,
    cache_creation_input_tokens: cacheWrite ?? null,
    cache_read_input_tokens: cacheRead ?? null,
  };
}

const mappedUsageKeys = new Set([
  'input_tokens',
  'output_tokens',
  'cache_creation_input_tokens',
  'cache_read_input_tokens',
]);

/**
 * The fields of an Anthropic usage object the canonical usage has no slot for (`cache_creation`,
 * `server_tool_use`, `service_tier`...), or undefined when there are none. Kept in
 * `providerMetadata.anthropic.usage` and re-emitted to Anthropic clients.
 */
export function anthropicUsageExtras(usage: Record<string, unknown>): Record<string, unknown> | undefined {
  let extras: Record<string, unknown> | undefined;
  for (const key in usage) {
    if (mappedUsageKeys.has(key) || usage[key] === undefined) continue;
    extras ??= {};
    extras[key] = usage[key];
  }
  return extras;
}
