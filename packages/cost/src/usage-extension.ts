import type { CostInfo, GatewayContext, ResponseExtension } from '@signalbox/core';
import { costNumber } from './cost-number.js';

/**
 * The token fields of both vocabularies that the wire usage may lack, for both endpoints:
 * OpenRouter's `prompt_tokens_details {cached_tokens, cache_write_tokens}` and
 * `completion_tokens_details.reasoning_tokens`, and Vercel's `cache_creation_input_tokens`
 * (Anthropic's usage has it already). Only counts the provider reported; an unknown count is
 * left out, never sent as 0.
 */
function tokenFields(context: GatewayContext): Record<string, unknown> | undefined {
  const usage = context.usage;
  if (usage === undefined) return undefined;
  const { cacheRead, cacheWrite } = usage.inputTokens;
  const reasoning = usage.outputTokens.reasoning;
  if (cacheRead === undefined && cacheWrite === undefined && reasoning === undefined) return undefined;
  const fields: Record<string, unknown> = {};
  if (cacheRead !== undefined || cacheWrite !== undefined) {
    const prompt: Record<string, number> = {};
    if (cacheRead !== undefined) prompt.cached_tokens = cacheRead;
    if (cacheWrite !== undefined) prompt.cache_write_tokens = cacheWrite;
    fields.prompt_tokens_details = prompt;
  }
  if (reasoning !== undefined) fields.completion_tokens_details = { reasoning_tokens: reasoning };
  if (context.format === 'openai' && cacheWrite !== undefined)
    fields.cache_creation_input_tokens = cacheWrite;
  return fields;
}

/** OpenRouter's and Vercel's cost fields of `usage` (numbers), as `@signalbox/metadata` writes them. */
export function costUsageFields(cost: CostInfo): Record<string, unknown> {
  return {
    cost: costNumber(cost.total),
    is_byok: cost.isByok,
    cost_details: {
      upstream_inference_cost: costNumber(cost.inference),
      upstream_inference_prompt_cost: costNumber(cost.input),
      upstream_inference_completions_cost: costNumber(cost.output),
    },
    market_cost: costNumber(cost.market),
  };
}

/** Vercel's cost strings of `provider_metadata.gateway`. */
export function gatewayCostFields(cost: CostInfo): Record<string, string> {
  return {
    cost: cost.total,
    marketCost: cost.market,
    inferenceCost: cost.inference,
    inputInferenceCost: cost.input,
    outputInferenceCost: cost.output,
  };
}

/**
 * The cost middleware's response extension: the token detail fields (see above), always; and on a
 * response-cache hit, the cost fields themselves (`usage.cost`, `is_byok`, `cost_details`,
 * `market_cost`, and `provider_metadata.gateway.{cost, marketCost, ...}`), because a hit is
 * answered by the cache without running the middlewares inside it, `@signalbox/metadata` among
 * them in the usual order. Otherwise the metadata middleware renders the cost.
 */
export function tokenDetailsExtension(context: GatewayContext): ResponseExtension | undefined {
  const cost = context.cost;
  const hit = context.cacheStatus === 'HIT' && cost !== undefined;
  const fields = tokenFields(context);
  if (!hit) return fields === undefined ? undefined : { usage: fields };
  const usage = fields ?? {};
  Object.assign(usage, costUsageFields(cost));
  const providerMetadata = { gateway: gatewayCostFields(cost) };
  return context.format === 'openai'
    ? { message: { provider_metadata: providerMetadata }, usage }
    : { body: { provider_metadata: providerMetadata }, usage };
}
