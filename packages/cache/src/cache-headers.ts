import { GatewayError } from '@signalbox/core';

/** The shortest time a cached response may live, in seconds (OpenRouter allows 1 to 86400). */
export const MIN_TTL_SECONDS = 1;
/** The longest time a cached response may live, in seconds: a day, as OpenRouter allows. */
export const MAX_TTL_SECONDS = 86_400;

/** What a request asked of the response cache. */
export interface CacheRequest {
  /** `on`: use the cache; `bypass`: the client turned it off; `off`: not asked for. */
  mode: 'on' | 'bypass' | 'off';
  ttlSeconds: number;
  /** Drop the stored entry and fetch a fresh response. */
  clear: boolean;
}

/** The status headers of one response. */
export interface CacheResponseInfo {
  status: 'HIT' | 'MISS' | 'BYPASS';
  /** Seconds the entry lives (MISS) or has left (HIT). */
  ttlSeconds?: number;
  /** Seconds since the entry was stored (HIT). */
  ageSeconds?: number;
  /** Generation id of the stored response (HIT). */
  sourceGenerationId?: string;
}

const trueValues = new Set(['true', '1', 'yes', 'on']);
const falseValues = new Set(['false', '0', 'no', 'off']);

function invalidHeader(name: string, value: string, expected: string): GatewayError {
  return new GatewayError(`Invalid ${name} header value '${value.slice(0, 40)}': ${expected}.`, {
    status: 400,
    type: 'invalid_request_error',
    code: 'invalid_header',
    param: name,
  });
}

function readFlag(
  headers: Record<string, string | undefined>,
  names: readonly string[],
): boolean | undefined {
  let result: boolean | undefined;
  for (const name of names) {
    const raw = headers[name];
    if (raw === undefined) continue;
    const value = raw.trim().toLowerCase();
    let flag: boolean;
    if (trueValues.has(value)) flag = true;
    else if (falseValues.has(value)) flag = false;
    else throw invalidHeader(name, raw, 'use true or false');
    result ??= flag;
  }
  return result;
}

function readTtl(headers: Record<string, string | undefined>, names: readonly string[]): number | undefined {
  let result: number | undefined;
  for (const name of names) {
    const raw = headers[name];
    if (raw === undefined) continue;
    const value = raw.trim();
    const seconds = /^\d{1,6}$/.test(value) ? Number(value) : Number.NaN;
    if (!(seconds >= MIN_TTL_SECONDS && seconds <= MAX_TTL_SECONDS)) {
      throw invalidHeader(
        name,
        raw,
        `use a whole number of seconds from ${MIN_TTL_SECONDS} to ${MAX_TTL_SECONDS}`,
      );
    }
    result ??= seconds;
  }
  return result;
}

/** The request header names of every prefix, computed once. */
export interface CacheHeaderNames {
  prefixes: readonly string[];
  enable: readonly string[];
  ttl: readonly string[];
  clear: readonly string[];
}

/** The request header names for the prefixes (`x-signalbox-` -> `x-signalbox-cache`, `-cache-ttl`, `-cache-clear`). */
export function cacheHeaderNames(prefixes: readonly string[]): CacheHeaderNames {
  return {
    prefixes,
    enable: prefixes.map((prefix) => `${prefix}cache`),
    ttl: prefixes.map((prefix) => `${prefix}cache-ttl`),
    clear: prefixes.map((prefix) => `${prefix}cache-clear`),
  };
}

/**
 * Reads the cache request headers for each prefix (`<prefix>cache: true|false`,
 * `<prefix>cache-ttl: <seconds>`, `<prefix>cache-clear: true`); the first prefix that sent a
 * header wins. Every header present is validated: a bad value is a 400 naming the header. A
 * clear request turns the cache on unless the client turned it off.
 */
export function readCacheRequest(
  headers: Record<string, string | undefined>,
  names: CacheHeaderNames,
  defaults: { enabled: boolean; ttlSeconds: number },
): CacheRequest {
  const enabled = readFlag(headers, names.enable);
  const clear = readFlag(headers, names.clear);
  const ttlSeconds = readTtl(headers, names.ttl) ?? defaults.ttlSeconds;
  const mode =
    enabled === false ? 'bypass' : enabled === true || defaults.enabled || clear === true ? 'on' : 'off';
  return { mode, ttlSeconds, clear: mode === 'on' && clear === true };
}

/**
 * The response headers for each prefix: `<prefix>cache-status`, `<prefix>cache-ttl`, and on hits
 * `<prefix>cache-age` and `<prefix>cache-source-id`.
 */
export function cacheResponseHeaders(
  prefixes: readonly string[],
  info: CacheResponseInfo,
): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const prefix of prefixes) {
    headers[`${prefix}cache-status`] = info.status;
    if (info.ttlSeconds !== undefined) headers[`${prefix}cache-ttl`] = String(info.ttlSeconds);
    if (info.ageSeconds !== undefined) headers[`${prefix}cache-age`] = String(info.ageSeconds);
    if (info.sourceGenerationId !== undefined) headers[`${prefix}cache-source-id`] = info.sourceGenerationId;
  }
  return headers;
}
