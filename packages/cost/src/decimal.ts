import Big from 'big.js';

/**
 * The package's own big.js constructor (its settings do not touch other users of big.js):
 * 30 decimal places for divisions (per-million prices divide by 10^6 exactly), rounding half
 * to even where rounding happens at all. Sums and products of decimal strings are exact.
 */
export const Decimal = Big();
Decimal.DP = 30;
Decimal.RM = 2;

/** A decimal value, as big.js represents it. */
export type DecimalValue = Big.Big;

/** The zero every sum starts from. */
export const ZERO: DecimalValue = Decimal(0);

/**
 * Parses a decimal string (or a finite number, through its shortest string form) into a
 * decimal. Throws a `TypeError` naming the value when it is not a decimal number.
 */
export function toDecimal(value: string | number | DecimalValue): DecimalValue {
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new TypeError(`Not a finite number: ${value}`);
    return Decimal(String(value));
  }
  if (typeof value === 'string') {
    const trimmed = value.trim();
    if (!/^[+-]?(\d+(\.\d*)?|\.\d+)(e[+-]?\d+)?$/i.test(trimmed)) {
      throw new TypeError(`Not a decimal number: '${value}'`);
    }
    return Decimal(trimmed);
  }
  return value;
}

/** A decimal as a plain decimal string, never in exponent notation (`0.000087`, `0`, `12.5`). */
export function formatDecimal(value: DecimalValue): string {
  const text = value.toFixed();
  return text === '-0' ? '0' : text;
}

/** The exact sum of decimal strings. */
export function sumDecimals(values: Iterable<string | DecimalValue>): string {
  let total = ZERO;
  for (const value of values) total = total.plus(toDecimal(value));
  return formatDecimal(total);
}

/** USD per million tokens -> USD per token, exactly (`'2.5'` -> `'0.0000025'`). */
export function perMillion(value: string | number): string {
  return formatDecimal(toDecimal(value).div(1_000_000));
}

/** `a <= b` for decimal strings. */
export function decimalAtMost(value: string | DecimalValue, limit: string | DecimalValue): boolean {
  return toDecimal(value).lte(toDecimal(limit));
}
