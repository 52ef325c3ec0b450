/** `'000Z'` to `'999Z'`: the end of an ISO time, by millisecond. */
const MILLIS = Array.from({ length: 1000 }, (_, millis) => `${String(millis).padStart(3, '0')}Z`);

/** The start (ms) of the second last formatted the slow way, and its text up to the `.`. */
let secondStart = Number.NaN;
let secondText = '';
/** The last time asked for, and its text (requests often start within the same millisecond). */
let lastTime = Number.NaN;
let lastText = '';

/**
 * `new Date(time).toISOString()` (`2026-05-01T12:00:00.123Z`), the same text for every time
 * (a `RangeError` for an invalid one), made without a `Date` for times in the second formatted
 * last: the date and time up to the second are formatted once per second.
 */
export function isoTime(time: number): string {
  if (time === lastTime) return lastText;
  const offset = time - secondStart;
  let text: string;
  if (offset >= 0 && offset < 1000 && Number.isInteger(offset)) {
    text = `${secondText}${MILLIS[offset]}`;
  } else {
    text = new Date(time).toISOString();
    if (Number.isInteger(time)) {
      secondStart = time - (((time % 1000) + 1000) % 1000);
      secondText = text.slice(0, -4);
    }
  }
  lastTime = time;
  lastText = text;
  return text;
}
