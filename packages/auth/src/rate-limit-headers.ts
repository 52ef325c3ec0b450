/** One limit's state for the headers: the limit, what is left, and when it resets. */
export interface LimitStatus {
  limit: number;
  remaining: number;
  resetInMs: number;
}

function trimmed(value: number): string {
  return String(Number(value.toFixed(3)));
}

/**
 * `trimmed(ms / 1000)` for a whole number of milliseconds below a minute (what
 * `formatResetDuration` needs), with integer arithmetic instead of `toFixed`: `8640` -> `8.64`.
 */
function secondsOf(ms: number): string {
  if (!(ms >= 0 && ms < 60_000 && Number.isInteger(ms))) return trimmed(ms / 1000);
  const whole = Math.floor(ms / 1000);
  const fraction = ms - whole * 1000;
  if (fraction === 0) return String(whole);
  if (fraction % 100 === 0) return `${whole}.${fraction / 100}`;
  if (fraction % 10 === 0) return `${whole}.${fraction < 100 ? '0' : ''}${fraction / 10}`;
  return `${whole}.${fraction < 10 ? '00' : fraction < 100 ? '0' : ''}${fraction}`;
}

/**
 * A duration as OpenAI writes its reset headers (Go's duration format): `120ms`, `1s`, `8.64s`,
 * `6m0s`, `1h2m3s`.
 */
export function formatResetDuration(milliseconds: number): string {
  const ms = Math.max(0, Math.round(milliseconds));
  if (ms < 1000) return ms === 0 ? '0s' : `${ms}ms`;
  const hours = Math.floor(ms / 3_600_000);
  const minutes = Math.floor((ms % 3_600_000) / 60_000);
  const seconds = secondsOf(ms % 60_000);
  if (hours > 0) return `${hours}h${minutes}m${seconds}s`;
  if (minutes > 0) return `${minutes}m${seconds}s`;
  return `${seconds}s`;
}

/**
 * OpenAI's rate-limit headers for one dimension (`requests` or `tokens`):
 * `x-ratelimit-limit-<dimension>`, `x-ratelimit-remaining-<dimension>`, `x-ratelimit-reset-<dimension>`.
 */
export function rateLimitHeaders(
  dimension: 'requests' | 'tokens',
  status: LimitStatus,
): Record<string, string> {
  return {
    [`x-ratelimit-limit-${dimension}`]: String(status.limit),
    [`x-ratelimit-remaining-${dimension}`]: String(Math.max(0, status.remaining)),
    [`x-ratelimit-reset-${dimension}`]: formatResetDuration(status.resetInMs),
  };
}

/** Whole seconds for `retry-after`, at least 1. */
export function retryAfterSeconds(milliseconds: number): number {
  return Math.max(1, Math.ceil(milliseconds / 1000));
}
