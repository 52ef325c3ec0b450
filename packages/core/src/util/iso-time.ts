/** The first millisecond of the year 10000: beyond it `toISOString` writes a six-digit year. */
const LAST_FOUR_DIGIT_YEAR_MS = 253_402_300_800_000;

let cachedSecond = Number.NaN;
/** `YYYY-MM-DDTHH:MM:SS.` of `cachedSecond`. */
let cachedPrefix = '';

/**
 * `new Date(milliseconds).toISOString()`, with the date and time up to the second formatted once
 * per second (a one-entry cache): the request log and the cost ledger format times on every request, and
 * they almost always fall in the same second. Same string, same RangeError for an invalid time.
 */
export function isoTime(milliseconds: number): string {
  // Date truncates a fractional time value toward zero; the cache covers 1970 to 9999 only.
  const time = Math.trunc(milliseconds);
  if (!(time >= 0 && time < LAST_FOUR_DIGIT_YEAR_MS)) return new Date(milliseconds).toISOString();
  const second = Math.floor(time / 1000);
  if (second !== cachedSecond) {
    cachedPrefix = new Date(second * 1000).toISOString().slice(0, 20);
    cachedSecond = second;
  }
  const fraction = time - second * 1000;
  return `${cachedPrefix}${fraction < 10 ? '00' : fraction < 100 ? '0' : ''}${fraction}Z`;
}
