import type { CostInfo } from '@signalbox/core';
import type { MetadataSource } from './metadata-source.js';

/** OpenRouter's `usage.cost_details`: numbers in USD. */
export interface OpenRouterCostDetails {
  upstream_inference_cost: number;
  upstream_inference_prompt_cost: number;
  upstream_inference_completions_cost: number;
}

/** The usage fields the metadata adds (OpenRouter's, plus Vercel's `market_cost`). */
export interface MetadataUsageFields {
  cost?: number;
  is_byok?: boolean;
  cost_details?: OpenRouterCostDetails;
  market_cost?: number;
}

/** OpenRouter's top-level fields: the provider that answered and the model actually used. */
export interface OpenRouterBodyFields {
  provider?: string;
  model?: string;
}

/** A decimal string as the number OpenRouter sends (`"0.000087"` -> `0.000087`). */
export function costNumber(decimal: string): number {
  const value = Number(decimal);
  return Number.isFinite(value) ? value : 0;
}

/**
 * Top-level `provider` (the provider that produced the answer) and `model` (the catalog model
 * actually used, which differs from the requested one after a fallback or through an alias).
 * Empty when no provider answered (a middleware set the result itself).
 */
export function openrouterBodyFields(source: MetadataSource): OpenRouterBodyFields {
  const resolved = source.resolved;
  if (resolved === undefined) return {};
  return { provider: resolved.provider, model: resolved.model };
}

/**
 * Whether the answer was paid with the principal's own provider key: from the cost when known,
 * else from the credential of the successful attempt.
 */
export function isByok(source: MetadataSource): boolean {
  if (source.cost !== undefined) return source.cost.isByok;
  const attempts = source.attempts;
  for (let index = attempts.length - 1; index >= 0; index -= 1) {
    const attempt = attempts[index];
    if (attempt?.success) return attempt.credentialType === 'byok';
  }
  return false;
}

function costDetails(cost: CostInfo, total: string, totalNumber: number): OpenRouterCostDetails {
  return {
    // The inference cost is most often the total: parsed once.
    upstream_inference_cost: cost.inference === total ? totalNumber : costNumber(cost.inference),
    upstream_inference_prompt_cost: costNumber(cost.input),
    upstream_inference_completions_cost: costNumber(cost.output),
  };
}

/** OpenRouter's `usage.cost` and `usage.cost_details` from the cost, as numbers; empty when unknown. */
export function openrouterCostFields(cost: CostInfo | undefined): MetadataUsageFields {
  if (cost === undefined) return {};
  const total = costNumber(cost.total);
  return { cost: total, cost_details: costDetails(cost, cost.total, total) };
}

/**
 * The usage fields for the chosen styles. OpenRouter: `cost`, `is_byok`, `cost_details`.
 * Vercel: `cost` and `market_cost`. Cost fields are absent, not zero, when the cost is unknown;
 * `is_byok` is always there with the OpenRouter style.
 */
export function usageFields(
  source: MetadataSource,
  styles: { vercel: boolean; openrouter: boolean },
): MetadataUsageFields {
  const fields: MetadataUsageFields = {};
  const cost = source.cost;
  // Each decimal string is parsed once (the total, market and inference costs are often equal).
  const total = cost === undefined ? 0 : costNumber(cost.total);
  if (cost !== undefined && (styles.vercel || styles.openrouter)) fields.cost = total;
  if (styles.openrouter) {
    fields.is_byok = isByok(source);
    if (cost !== undefined) fields.cost_details = costDetails(cost, cost.total, total);
  }
  if (styles.vercel && cost !== undefined) {
    fields.market_cost = cost.market === cost.total ? total : costNumber(cost.market);
  }
  return fields;
}
