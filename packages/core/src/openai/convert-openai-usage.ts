import type { Usage } from '../spec/v1/usage.js';
import type { OpenAIUsage } from './openai-usage-schema.js';

function count(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

function subtract(total: number | undefined, part: number | undefined, other = 0): number | undefined {
  return total === undefined || part === undefined ? undefined : Math.max(0, total - part - other);
}

/**
 * Converts an OpenAI `usage` object to canonical usage. A count the provider did not report
 * stays `undefined`: `noCache` is only known when `cached_tokens` is, `text` only when
 * `reasoning_tokens` is. `raw` keeps the object as it came (OpenRouter's `cost` and the like).
 */
export function convertOpenAIUsage(usage: OpenAIUsage | null | undefined): Usage {
  const inputTotal = count(usage?.prompt_tokens);
  const cacheRead = count(usage?.prompt_tokens_details?.cached_tokens);
  const cacheWrite = count(usage?.prompt_tokens_details?.cache_write_tokens);
  const outputTotal = count(usage?.completion_tokens);
  const reasoning = count(usage?.completion_tokens_details?.reasoning_tokens);
  const result: Usage = {
    inputTokens: {
      total: inputTotal,
      noCache: subtract(inputTotal, cacheRead, cacheWrite),
      cacheRead,
      cacheWrite,
    },
    outputTokens: { total: outputTotal, text: subtract(outputTotal, reasoning), reasoning },
  };
  if (usage) result.raw = usage;
  return result;
}

function sum(...values: Array<number | undefined>): number | undefined {
  let total: number | undefined;
  for (const value of values) if (value !== undefined) total = (total ?? 0) + value;
  return total;
}

/**
 * Canonical usage as an OpenAI `usage` object. The three totals are always numbers (0 when
 * unknown, as clients expect numbers there); a detail count that is unknown is left out rather
 * than invented, and a details object with nothing known is left out too.
 */
export function toOpenAIUsage(usage: Usage): Record<string, unknown> {
  const input = usage.inputTokens;
  const output = usage.outputTokens;
  const promptTokens = input.total ?? sum(input.noCache, input.cacheRead, input.cacheWrite) ?? 0;
  const completionTokens = output.total ?? sum(output.text, output.reasoning) ?? 0;
  const result: Record<string, unknown> = {
    prompt_tokens: promptTokens,
    completion_tokens: completionTokens,
    total_tokens: promptTokens + completionTokens,
  };
  if (input.cacheRead !== undefined || input.cacheWrite !== undefined) {
    const details: Record<string, number> = {};
    if (input.cacheRead !== undefined) details.cached_tokens = input.cacheRead;
    if (input.cacheWrite !== undefined) details.cache_write_tokens = input.cacheWrite;
    result.prompt_tokens_details = details;
  }
  if (output.reasoning !== undefined) {
    result.completion_tokens_details = { reasoning_tokens: output.reasoning };
  }
  return result;
}
