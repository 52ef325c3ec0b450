/**
 * The continuous percentile (`p` in 0..1) of numbers, interpolated linearly between the two
 * nearest ranks: the same definition as PostgreSQL's `percentile_cont`, so the memory store
 * and the Postgres store agree. `null` for no values. Rounded to 3 decimals.
 */
export function percentile(values: readonly number[], p: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return percentileOfSorted(sorted, p);
}

/** `percentile` of numbers already sorted ascending. */
export function percentileOfSorted(sorted: readonly number[], p: number): number | null {
  if (sorted.length === 0) return null;
  const position = p * (sorted.length - 1);
  const lower = Math.floor(position);
  const upper = Math.ceil(position);
  const low = sorted[lower] as number;
  const high = sorted[upper] as number;
  return roundMilliseconds(low + (high - low) * (position - lower));
}

/** Rounds to 3 decimals (microseconds when the unit is milliseconds). */
export function roundMilliseconds(value: number): number {
  return Math.round(value * 1000) / 1000;
}
