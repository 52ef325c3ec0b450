import { type DecimalValue, toDecimal } from './decimal.js';
import type { ModelPrice } from './model-price.js';

/**
 * A `ModelPrice` parsed into decimals (no fallbacks applied: an absent rate stays undefined, as
 * `computeCost` documents what it falls back to). Internal: what `computeCost` prices with.
 */
export interface ParsedPrice {
  input: DecimalValue;
  output: DecimalValue;
  cacheRead: DecimalValue | undefined;
  cacheWrite: DecimalValue | undefined;
  cacheWrite1h: DecimalValue | undefined;
  reasoning: DecimalValue | undefined;
  /**
   * Why `reasoning` could not be parsed (thrown only where the reasoning rate is used, as a
   * reasoning rate is only read when reasoning is priced apart).
   */
  reasoningError: unknown;
  request: DecimalValue | undefined;
  image: DecimalValue | undefined;
}

/** A parsed price with the strings it was parsed from (to notice a price object changed since). */
interface CachedPrice {
  parsed: ParsedPrice;
  input: string;
  output: string;
  cacheRead: string | undefined;
  cacheWrite: string | undefined;
  cacheWrite1h: string | undefined;
  reasoning: string | undefined;
  request: string | undefined;
  image: string | undefined;
}

function optional(value: string | undefined): DecimalValue | undefined {
  return value === undefined ? undefined : toDecimal(value);
}

/**
 * Parses every rate of a price (a `TypeError` naming the value when one is not a decimal; for the
 * reasoning rate, kept in `reasoningError` until it is used).
 */
export function parsePrice(price: ModelPrice): ParsedPrice {
  let reasoning: DecimalValue | undefined;
  let reasoningError: unknown;
  try {
    reasoning = optional(price.reasoning);
  } catch (error) {
    reasoningError = error;
  }
  return {
    input: toDecimal(price.input),
    output: toDecimal(price.output),
    cacheRead: optional(price.cacheRead),
    cacheWrite: optional(price.cacheWrite),
    cacheWrite1h: optional(price.cacheWrite1h),
    reasoning,
    reasoningError,
    request: optional(price.request),
    image: optional(price.image),
  };
}

/**
 * Parsed prices by price object: a catalog hands out the same object for a model on every lookup,
 * so each model's rates are parsed once. Weak keys: a price object nobody holds any more (a
 * replaced catalog, a fresh object from a custom catalog) takes its entry with it.
 */
const parsedPrices = new WeakMap<ModelPrice, CachedPrice>();

/**
 * `parsePrice(price)`, parsed once per price object and reused while the object's rates are the
 * strings they were (a price object changed in place is parsed again).
 */
export function parsedPriceOf(price: ModelPrice): ParsedPrice {
  const cached = parsedPrices.get(price);
  if (
    cached !== undefined &&
    cached.input === price.input &&
    cached.output === price.output &&
    cached.cacheRead === price.cacheRead &&
    cached.cacheWrite === price.cacheWrite &&
    cached.cacheWrite1h === price.cacheWrite1h &&
    cached.reasoning === price.reasoning &&
    cached.request === price.request &&
    cached.image === price.image
  ) {
    return cached.parsed;
  }
  const parsed = parsePrice(price);
  parsedPrices.set(price, {
    parsed,
    input: price.input,
    output: price.output,
    cacheRead: price.cacheRead,
    cacheWrite: price.cacheWrite,
    cacheWrite1h: price.cacheWrite1h,
    reasoning: price.reasoning,
    request: price.request,
    image: price.image,
  });
  return parsed;
}
