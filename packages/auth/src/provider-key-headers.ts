import { GatewayError } from '@signalbox/core';

/** The default prefix of per-request provider key headers: `x-signalbox-provider-key-<provider>`. */
export const PROVIDER_KEY_HEADER_PREFIX = 'x-signalbox-provider-key-';

const MAX_PROVIDER_KEY_LENGTH = 1000;

function invalid(message: string): GatewayError {
  return new GatewayError(message, { status: 400, code: 'invalid_provider_key_header' });
}

/**
 * Takes the per-request provider keys out of the headers (`<prefix><provider>: <key>`), removing
 * them so no later middleware (a request log) sees them. When `allowed` is false, such a header
 * is a 400 rather than silently billing the operator's key. A header for a provider the gateway
 * does not have is a 400 naming the header, never the value.
 */
export function takeProviderKeyHeaders(
  headers: Record<string, string | undefined>,
  options: { allowed: boolean; prefix: string; providers: ReadonlyMap<string, unknown> },
): Record<string, string> | undefined {
  return takeHeaderKeys(headers, options.allowed, options.prefix, options.providers);
}

/**
 * {@link takeProviderKeyHeaders} with its options as arguments (no options object per request),
 * and no allocation at all when the request has no such header (the usual case).
 */
export function takeHeaderKeys(
  headers: Record<string, string | undefined>,
  allowed: boolean,
  prefix: string,
  providers: ReadonlyMap<string, unknown>,
): Record<string, string> | undefined {
  let presented: Array<[name: string, value: string]> | undefined;
  // for-in walks the names without the array Object.keys would allocate; own names only, as before.
  for (const name in headers) {
    if (!name.startsWith(prefix) || !Object.hasOwn(headers, name)) continue;
    presented ??= [];
    presented.push([name, headers[name]?.trim() ?? '']);
    delete headers[name]; // all of them, before anything can fail
  }
  if (presented === undefined) return undefined;
  const keys: Record<string, string> = {};
  for (const [name, value] of presented) {
    if (!allowed) {
      throw invalid(`Header ${name} is not accepted: this gateway does not take provider keys per request.`);
    }
    const provider = name.slice(prefix.length);
    if (!providers.has(provider)) throw invalid(`Unknown provider '${provider}' in header ${name}.`);
    if (value === '' || value.length > MAX_PROVIDER_KEY_LENGTH || /\s/.test(value)) {
      throw invalid(
        `Header ${name} must hold one provider key (no spaces, at most ${MAX_PROVIDER_KEY_LENGTH} characters).`,
      );
    }
    keys[provider] = value;
  }
  return keys;
}
