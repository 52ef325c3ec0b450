const DECIMAL = /^(-)?(\d+)(?:\.(\d+))?$/;

function parse(value: string): { digits: bigint; scale: number } {
  const match = DECIMAL.exec(value.trim());
  if (!match) throw new TypeError(`Not a decimal number: '${value}'`);
  const fraction = match[3] ?? '';
  const digits = BigInt(`${match[2]}${fraction}`);
  return { digits: match[1] ? -digits : digits, scale: fraction.length };
}

/**
 * Formats a decimal without trailing zeros (`'0.000150000'` -> `'0.00015'`, `'2.0'` -> `'2'`),
 * as the memory store and the Postgres store both answer.
 */
export function normalizeDecimal(value: string): string {
  const { digits, scale } = parse(value);
  return format(digits, scale);
}

function format(digits: bigint, scale: number): string {
  const negative = digits < 0n;
  let text = (negative ? -digits : digits).toString().padStart(scale + 1, '0');
  let fraction = scale > 0 ? text.slice(-scale) : '';
  text = scale > 0 ? text.slice(0, -scale) : text;
  fraction = fraction.replace(/0+$/, '');
  const result = fraction ? `${text}.${fraction}` : text;
  return negative && result !== '0' ? `-${result}` : result;
}

/** Adds decimal strings exactly (USD costs; never floats). An empty list sums to `'0'`. */
export function sumDecimals(values: Iterable<string>): string {
  let total = 0n;
  let scale = 0;
  for (const value of values) {
    const parsed = parse(value);
    if (parsed.scale > scale) {
      total *= 10n ** BigInt(parsed.scale - scale);
      scale = parsed.scale;
    }
    total += parsed.digits * 10n ** BigInt(scale - parsed.scale);
  }
  return format(total, scale);
}
