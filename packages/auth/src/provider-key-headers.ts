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
  const presented: Array<[name: string, value: string]> = [];
  for (const name of Object.keys(headers)) {
    if (!name.startsWith(options.prefix)) continue;
    presented.push([name, headers[name]?.trim() ?? '']);
    delete headers[name]; // all of them, before anything can fail
  }
  if (presented.length === 0) return undefined;
  const keys: Record<string, string> = {};
  for (const [name, value] of presented) {
    if (!options.allowed) {
      throw invalid(`Header ${name} is not accepted: this gateway does not take provider keys per request.`);
    }
    const provider = name.slice(options.prefix.length);
    if (!options.providers.has(provider)) throw invalid(`Unknown provider '${provider}' in header ${name}.`);
    if (value === '' || value.length > MAX_PROVIDER_KEY_LENGTH || /\s/.test(value)) {
      throw invalid(
        `Header ${name} must hold one provider key (no spaces, at most ${MAX_PROVIDER_KEY_LENGTH} characters).`,
      );
    }
    keys[provider] = value;
  }
  return keys;
}
