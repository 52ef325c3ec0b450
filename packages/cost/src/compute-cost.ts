import type { CostInfo } from '@signalbox/core';
import { type BillableTokens, promptTokens } from './billable-tokens.js';
import { type DecimalValue, formatDecimal, toDecimal, ZERO } from './decimal.js';
import type { ModelPrice } from './model-price.js';

/**
 * What a BYOK request (paid with the principal's own provider key) is charged: a fraction of the
 * market cost plus a flat fee per request (both default 0, so BYOK is free by default), or a
 * function of the market cost returning a decimal string.
 */
export type ByokRule =
  | { fraction?: string | number; perRequest?: string | number }
  | ((marketCost: string) => string);

/** A request's cost with its parts: `CostInfo` (what the context carries) and more. */
export interface CostBreakdown extends CostInfo {
  cacheRead: string;
  cacheWrite: string;
  /** The per-request and per-image prices (part of `input`). */
  fixed: string;
  /**
   * What caching saved against list-price input: for provider prompt caching, cache reads'
   * saving minus cache writes' surcharge (negative when writes dominate, as OpenRouter reports it);
   * for a gateway cache hit, the whole cost the request would have had.
   */
  cacheDiscount: string;
  /** The counts the cost was computed from. */
  tokens: BillableTokens;
  /** Served from the gateway's response cache. */
  cached: boolean;
}

/** What `computeCost` needs. */
export interface CostInput {
  tokens: BillableTokens;
  price: ModelPrice;
  /** The successful attempt used the principal's own key. */
  isByok?: boolean;
  byokRule?: ByokRule;
  /** Served from the gateway's response cache: charged 0, market 0. */
  cacheHit?: boolean;
  /** Input images, for `price.image`. */
  images?: number;
}

function applyByokRule(rule: ByokRule | undefined, market: DecimalValue): DecimalValue {
  if (rule === undefined) return ZERO;
  if (typeof rule === 'function') {
    const charged = toDecimal(rule(formatDecimal(market)));
    if (charged.lt(0)) throw new RangeError('byokRule returned a negative charge');
    return charged;
  }
  return market.times(toDecimal(rule.fraction ?? 0)).plus(toDecimal(rule.perRequest ?? 0));
}

/**
 * The exact cost of a request (pure; decimal arithmetic, strings out). Rates: uncached input at
 * `input`; cache reads at `cacheRead`; 5-minute cache writes at `cacheWrite`, 1-hour writes at
 * `cacheWrite1h` (else `cacheWrite`); a missing cache rate falls back to `input`. Output at
 * `output`, reasoning at `reasoning` when it is priced apart and its count known. `request` and
 * `image` prices are added to the input part. `market` = `inference` = input + output; `total`
 * is the market cost, or the BYOK rule's charge for BYOK (default 0), or 0 for a cache hit
 * (whose market and inference are 0 too, its would-be cost going to `cacheDiscount`).
 */
export function computeCost(options: CostInput): CostBreakdown {
  const { tokens, price } = options;
  const input = toDecimal(price.input);
  const output = toDecimal(price.output);
  const readRate = price.cacheRead !== undefined ? toDecimal(price.cacheRead) : input;
  const writeRate = price.cacheWrite !== undefined ? toDecimal(price.cacheWrite) : input;
  const longWriteRate = price.cacheWrite1h !== undefined ? toDecimal(price.cacheWrite1h) : writeRate;

  const uncached = input.times(tokens.noCache);
  const cacheRead = readRate.times(tokens.cacheRead);
  const cacheWrite = writeRate.times(tokens.cacheWrite5m).plus(longWriteRate.times(tokens.cacheWrite1h));
  const fixed = toDecimal(price.request ?? 0).plus(toDecimal(price.image ?? 0).times(options.images ?? 0));
  const inputCost = uncached.plus(cacheRead).plus(cacheWrite).plus(fixed);

  const pricedApart = price.reasoning !== undefined && tokens.reasoningKnown;
  const outputCost = pricedApart
    ? output
        .times(tokens.output - tokens.reasoning)
        .plus(toDecimal(price.reasoning ?? 0).times(tokens.reasoning))
    : output.times(tokens.output);
  const inference = inputCost.plus(outputCost);
  const listPriceInput = input.times(promptTokens(tokens));
  const promptCacheDiscount = listPriceInput.minus(uncached.plus(cacheRead).plus(cacheWrite));
  const estimated = tokens.estimated || (price.reasoning !== undefined && !tokens.reasoningKnown);
  const isByok = options.isByok === true;

  if (options.cacheHit === true) {
    return {
      total: '0',
      market: '0',
      inference: '0',
      input: '0',
      output: '0',
      cacheRead: '0',
      cacheWrite: '0',
      fixed: '0',
      cacheDiscount: formatDecimal(inference),
      isByok,
      estimated,
      tokens,
      cached: true,
    };
  }
  const total = isByok ? applyByokRule(options.byokRule, inference) : inference;
  return {
    total: formatDecimal(total),
    market: formatDecimal(inference),
    inference: formatDecimal(inference),
    input: formatDecimal(inputCost),
    output: formatDecimal(outputCost),
    cacheRead: formatDecimal(cacheRead),
    cacheWrite: formatDecimal(cacheWrite),
    fixed: formatDecimal(fixed),
    cacheDiscount: formatDecimal(promptCacheDiscount),
    isByok,
    estimated,
    tokens,
    cached: false,
  };
}

/** The `CostInfo` part of a breakdown (what `ctx.cost` holds). */
export function toCostInfo(breakdown: CostBreakdown): CostInfo {
  return {
    total: breakdown.total,
    market: breakdown.market,
    inference: breakdown.inference,
    input: breakdown.input,
    output: breakdown.output,
    cacheRead: breakdown.cacheRead,
    cacheWrite: breakdown.cacheWrite,
    isByok: breakdown.isByok,
    estimated: breakdown.estimated,
  };
}
