import type { CostInfo } from '@signalbox/core';
import { type BillableTokens, promptTokens } from './billable-tokens.js';
import { type DecimalValue, formatDecimal, toDecimal, ZERO } from './decimal.js';
import type { ModelPrice } from './model-price.js';
import { type ParsedPrice, parsedPriceOf } from './parsed-price.js';

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

/** `rate x count`, skipping the multiplication for no tokens (the usual count of most kinds). */
function times(rate: DecimalValue, count: number): DecimalValue {
  return count === 0 ? ZERO : rate.times(count);
}

/** `a + b`, skipping the addition when either is the shared zero. */
function plus(a: DecimalValue, b: DecimalValue): DecimalValue {
  if (b === ZERO) return a;
  if (a === ZERO) return b;
  return a.plus(b);
}

/** `formatDecimal`, with the shared zero known to be `'0'`. */
function format(value: DecimalValue): string {
  return value === ZERO ? '0' : formatDecimal(value);
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
  return computeParsedCost(options, parsedPriceOf(options.price));
}

/**
 * `computeCost` with the price already parsed (`price` is `options.price` parsed, or the rates
 * to charge instead). Each model's rates are parsed once (`parsedPriceOf`); counts of 0 cost no
 * arithmetic; each amount is formatted once.
 */
export function computeParsedCost(options: Omit<CostInput, 'price'>, price: ParsedPrice): CostBreakdown {
  const { tokens } = options;
  const input = price.input;
  const readRate = price.cacheRead ?? input;
  const writeRate = price.cacheWrite ?? input;
  const longWriteRate = price.cacheWrite1h ?? writeRate;

  const uncached = times(input, tokens.noCache);
  const cacheRead = times(readRate, tokens.cacheRead);
  const cacheWrite = plus(times(writeRate, tokens.cacheWrite5m), times(longWriteRate, tokens.cacheWrite1h));
  const fixed =
    price.image === undefined
      ? (price.request ?? ZERO)
      : plus(price.request ?? ZERO, times(price.image, options.images ?? 0));
  const inputCost = plus(plus(plus(uncached, cacheRead), cacheWrite), fixed);

  const pricedApart = price.reasoning !== undefined || price.reasoningError !== undefined;
  let outputCost: DecimalValue;
  if (pricedApart && tokens.reasoningKnown) {
    if (price.reasoning === undefined) throw price.reasoningError;
    outputCost = plus(
      times(price.output, tokens.output - tokens.reasoning),
      times(price.reasoning, tokens.reasoning),
    );
  } else {
    outputCost = times(price.output, tokens.output);
  }
  const inference = plus(inputCost, outputCost);
  const estimated = tokens.estimated || (pricedApart && !tokens.reasoningKnown);
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
      cacheDiscount: format(inference),
      isByok,
      estimated,
      tokens,
      cached: true,
    };
  }
  // What caching saved: list-price input minus what the input tokens cost. Without cache reads
  // or writes the two are the same tokens at the same rate: exactly 0.
  const promptCacheDiscount =
    tokens.cacheRead === 0 && tokens.cacheWrite5m === 0 && tokens.cacheWrite1h === 0
      ? ZERO
      : input.times(promptTokens(tokens)).minus(uncached.plus(cacheRead).plus(cacheWrite));
  const market = format(inference);
  return {
    total: isByok ? format(applyByokRule(options.byokRule, inference)) : market,
    market,
    inference: market,
    input: inputCost === inference ? market : format(inputCost),
    output: outputCost === inference ? market : format(outputCost),
    cacheRead: format(cacheRead),
    cacheWrite: format(cacheWrite),
    fixed: format(fixed),
    cacheDiscount: format(promptCacheDiscount),
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
