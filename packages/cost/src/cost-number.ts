/**
 * A decimal string as the JSON number OpenRouter sends (`"0.000087"` -> `0.000087`): the nearest
 * double, for wire fields that are numbers by contract. Exact values stay strings elsewhere.
 */
export function costNumber(decimal: string): number {
  const value = Number(decimal);
  return Number.isFinite(value) ? value : 0;
}
