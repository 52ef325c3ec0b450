import { type GatewayContext, providerCallFor, type ChatRequest, resolveModel } from '@signalbox/core';
import { type ByokRule, computeParsedCost } from './compute-cost.js';
import { type DecimalValue, formatDecimal, toDecimal } from './decimal.js';
import {
  approximateInputBounds,
  approximateInputTokens,
  countImages,
  measureRequest,
} from './estimate-tokens.js';
import type { ModelPrice } from './model-price.js';
import { parsedPriceOf } from './parsed-price.js';
import type { PriceCatalog } from './price-catalog.js';

/** The body of an estimate (`x-signalbox-estimate: true`): ranges, no provider call made. */
export interface CostEstimate {
  object: 'signalbox.estimate';
  /** The model the client asked for. */
  model: string;
  input_tokens: { min: number; max: number };
  output_tokens: { min: number; max: number };
  /** What the principal would be charged, USD decimal strings; null when no price is known. */
  cost: { min: string; max: string } | null;
  /** The same at list price (differs from `cost` for BYOK). */
  market_cost: { min: string; max: string } | null;
  /** `count_tokens`: the provider counted the input exactly; `approximation`: from characters. */
  method: 'count_tokens' | 'approximation';
  currency: 'USD';
}

/** What estimates and reservations need from the cost options. */
export interface EstimateSettings {
  catalog: PriceCatalog;
  defaultMaxOutputTokens: number;
  charactersPerToken: number;
  byokRule?: ByokRule;
}

function strings(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];
}

function record(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}

/**
 * Every model a request may end up on: the requested one, then fallbacks in both hosted styles
 * (OpenRouter `models` and `fallbacks[].model`, Vercel `providerOptions.gateway.models`).
 */
export function candidateModels(request: ChatRequest): string[] {
  const extra = request.source?.extraFields ?? {};
  const fallbacks = Array.isArray(extra.fallbacks) ? extra.fallbacks.map((item) => record(item)?.model) : [];
  return [
    ...new Set([
      request.model,
      ...strings(extra.models),
      ...strings(fallbacks),
      ...strings(record(record(extra.providerOptions)?.gateway)?.models),
      ...strings(record(request.providerOptions?.gateway)?.models),
    ]),
  ];
}

/** A model's price and whether the principal pays it with its own key (BYOK). */
interface PricedModel {
  model: string;
  price: ModelPrice;
  byok: boolean;
}

/** The priced candidates of a request (unpriced ones are left out). */
export function pricedCandidates(context: GatewayContext, catalog: PriceCatalog): PricedModel[] {
  const priced: PricedModel[] = [];
  for (const model of candidateModels(context.request)) {
    let served: { provider: string; providerModelId: string } | undefined;
    try {
      const target = resolveModel(model, context.providers);
      served = { provider: target.provider.name, providerModelId: target.providerModelId };
    } catch {
      // an alias or a catalog id the router knows: priced by its own name
    }
    const price = catalog.lookup(model, served);
    if (!price) continue;
    const provider = served?.provider ?? model.slice(0, model.indexOf('/'));
    priced.push({ model, price, byok: context.principal?.providerKeys?.[provider] !== undefined });
  }
  return priced;
}

function maxOf(values: DecimalValue[]): DecimalValue {
  return values.reduce((best, value) => (value.gt(best) ? value : best));
}

function costAt(
  candidate: PricedModel,
  input: number,
  output: number,
  inputRate: 'cheapest' | 'dearest',
  settings: EstimateSettings,
  images: number,
) {
  const price = parsedPriceOf(candidate.price);
  const rates = [price.input, price.cacheRead, price.cacheWrite, price.cacheWrite1h].filter(
    (rate): rate is DecimalValue => rate !== undefined,
  );
  const rate =
    inputRate === 'dearest' ? maxOf(rates) : rates.reduce((low, value) => (value.lt(low) ? value : low));
  let outputRate = price.output;
  if (inputRate === 'dearest' && candidate.price.reasoning !== undefined) {
    if (price.reasoning === undefined) throw price.reasoningError;
    outputRate = maxOf([price.output, price.reasoning]);
  }
  const cost = computeParsedCost(
    {
      tokens: {
        noCache: input,
        cacheRead: 0,
        cacheWrite5m: 0,
        cacheWrite1h: 0,
        output,
        reasoning: 0,
        reasoningKnown: true,
        estimated: true,
      },
      isByok: candidate.byok,
      images,
      ...(settings.byokRule !== undefined && { byokRule: settings.byokRule }),
    },
    { ...price, input: rate, output: outputRate },
  );
  return { total: toDecimal(cost.total), market: toDecimal(cost.market) };
}

/**
 * The most a request may cost, for budget reservations: input approximated at
 * `charactersPerToken` (plus per-message and per-media allowances) at the dearest input rate
 * (cache writes cost more than input), plus `maxOutputTokens` (or the default) at the output rate,
 * plus fixed prices; the dearest of the models the request may fall back to, charged as the
 * principal would be (BYOK rule). `undefined` when none of them has a price.
 */
export function worstCaseCost(context: GatewayContext, settings: EstimateSettings): string | undefined {
  const candidates = pricedCandidates(context, settings.catalog);
  if (candidates.length === 0) return undefined;
  const request = context.request;
  const input = approximateInputTokens(measureRequest(request), settings.charactersPerToken);
  const output = request.maxOutputTokens ?? settings.defaultMaxOutputTokens;
  const images = countImages(request);
  return formatDecimal(
    maxOf(candidates.map((candidate) => costAt(candidate, input, output, 'dearest', settings, images).total)),
  );
}

async function countInput(context: GatewayContext): Promise<number | undefined> {
  try {
    const target = resolveModel(context.request.model, context.providers);
    if (!target.provider.countTokens) return undefined;
    const counted = await target.provider.countTokens(
      providerCallFor(context, target.provider, target.providerModelId),
    );
    return Number.isInteger(counted.inputTokens) && counted.inputTokens >= 0
      ? counted.inputTokens
      : undefined;
  } catch {
    return undefined; // no counting endpoint for this model: approximate
  }
}

/**
 * Estimates a request without running it. Input tokens: the provider's exact count when it has
 * `countTokens` (`method: 'count_tokens'`), else `approximateInputBounds` (one token per 6 to 2
 * characters; `method: 'approximation'`). Output tokens: 0 to `maxOutputTokens` (or the default).
 * Cost: the minimum at the cheapest input rate (all input read from the prompt cache, where the
 * model has a cache-read price) with no output; the maximum at the dearest input rate (cache
 * writes) with all output tokens; over every model the request may fall back to. The real cost
 * of the request lies within [min, max] when the input bounds hold.
 */
export async function estimateRequest(
  context: GatewayContext,
  settings: EstimateSettings,
): Promise<CostEstimate> {
  const request = context.request;
  const counted = await countInput(context);
  const input =
    counted !== undefined ? { min: counted, max: counted } : approximateInputBounds(measureRequest(request));
  const output = { min: 0, max: request.maxOutputTokens ?? settings.defaultMaxOutputTokens };
  const candidates = pricedCandidates(context, settings.catalog);
  const images = countImages(request);
  let cost: CostEstimate['cost'] = null;
  let market: CostEstimate['market_cost'] = null;
  if (candidates.length > 0) {
    const lows = candidates.map((candidate) =>
      costAt(candidate, input.min, output.min, 'cheapest', settings, images),
    );
    const highs = candidates.map((candidate) =>
      costAt(candidate, input.max, output.max, 'dearest', settings, images),
    );
    const low = (key: 'total' | 'market') =>
      lows.map((value) => value[key]).reduce((a, b) => (b.lt(a) ? b : a));
    const high = (key: 'total' | 'market') => maxOf(highs.map((value) => value[key]));
    cost = { min: formatDecimal(low('total')), max: formatDecimal(high('total')) };
    market = { min: formatDecimal(low('market')), max: formatDecimal(high('market')) };
  }
  return {
    object: 'signalbox.estimate',
    model: request.model,
    input_tokens: input,
    output_tokens: output,
    cost,
    market_cost: market,
    method: counted !== undefined ? 'count_tokens' : 'approximation',
    currency: 'USD',
  };
}
