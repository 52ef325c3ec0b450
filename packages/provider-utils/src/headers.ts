/** Header values as Node and undici report them. */
export type RawHeaders = Record<string, string | string[] | number | undefined | null>;

/**
 * Hop-by-hop headers (RFC 9110 §7.6.1) plus those the HTTP client computes itself: never copied
 * from one connection to another.
 */
export const HOP_BY_HOP_HEADERS: ReadonlySet<string> = new Set([
  'connection',
  'keep-alive',
  'proxy-connection',
  'proxy-authenticate',
  'proxy-authorization',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
  'host',
  'content-length',
]);

/** Headers that carry credentials or body framing: a client's are never forwarded to a provider. */
const NOT_FORWARDED_HEADERS: ReadonlySet<string> = new Set([
  'authorization',
  'x-api-key',
  'api-key',
  'cookie',
  'content-type',
  'content-encoding',
  'accept-encoding',
]);

/**
 * Lower-cases header names and flattens values to strings (repeated headers joined with `, `);
 * `undefined` and `null` values are dropped.
 */
export function normalizeHeaders(headers: RawHeaders | undefined): Record<string, string> {
  const result: Record<string, string> = {};
  if (!headers) return result;
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined || value === null) continue;
    result[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : String(value);
  }
  return result;
}

/**
 * Drops hop-by-hop headers (and any named by `Connection`) from a response's headers before they
 * are passed on. Names come out lower-case.
 */
export function removeHopByHopHeaders(headers: RawHeaders | undefined): Record<string, string> {
  return withoutHopByHop(normalizeHeaders(headers));
}

/**
 * {@link removeHopByHopHeaders} for headers already normalized (lower-case names, string values,
 * as `sendRequest` returns them), also leaving out the names in `skip`: one copy, on every
 * provider response. No `delete` (which turns an object into a slow dictionary), no intermediate
 * arrays unless a Connection header names more.
 */
export function withoutHopByHop(
  normalized: Readonly<Record<string, string>>,
  skip?: ReadonlySet<string>,
): Record<string, string> {
  const connection = normalized.connection;
  const named =
    connection === undefined
      ? undefined
      : new Set(connection.split(',').map((name) => name.trim().toLowerCase()));
  const result: Record<string, string> = {};
  for (const name in normalized) {
    if (HOP_BY_HOP_HEADERS.has(name) || named?.has(name) || skip?.has(name)) continue;
    result[name] = normalized[name] as string;
  }
  return result;
}

/**
 * The headers a client sent that may go to a provider: hop-by-hop headers, credentials
 * (`authorization`, `x-api-key`, `cookie`) and body framing are removed, because the adapter
 * sets its own.
 */
export function forwardableHeaders(headers: RawHeaders | undefined): Record<string, string> {
  const result = removeHopByHopHeaders(headers);
  for (const name of NOT_FORWARDED_HEADERS) delete result[name];
  return result;
}

/**
 * Merges header records left to right with lower-cased names: a later source wins, and an
 * `undefined` value in a later source removes the header.
 */
export function mergeHeaders(
  ...sources: Array<Record<string, string | undefined> | undefined>
): Record<string, string> {
  const result: Record<string, string> = {};
  for (const source of sources) {
    if (!source) continue;
    for (const [name, value] of Object.entries(source)) {
      const key = name.toLowerCase();
      if (value === undefined) delete result[key];
      else result[key] = value;
    }
  }
  return result;
}
