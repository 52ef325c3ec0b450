import { forwardableHeaders, mergeHeaders } from '@signalbox/provider-utils';

/** Joins `anthropic-beta` lists (comma-separated), keeping each flag once, in order. */
export function joinAnthropicBeta(...values: Array<string | undefined>): string | undefined {
  const flags: string[] = [];
  for (const value of values) {
    for (const flag of value?.split(',') ?? []) {
      const trimmed = flag.trim();
      if (trimmed !== '' && !flags.includes(trimmed)) flags.push(trimmed);
    }
  }
  return flags.length === 0 ? undefined : flags.join(',');
}

/**
 * The headers of a request to Anthropic: `anthropic-version`, the configured headers, the
 * headers forwarded from an Anthropic-format client (never its credentials), then `x-api-key`.
 * `anthropic-beta` flags from the configuration and the client are combined, not replaced.
 */
export function anthropicHeaders(options: {
  version: string;
  configured: Record<string, string> | undefined;
  forwarded: Record<string, string> | undefined;
  apiKey: string | undefined;
  accept: string;
}): Record<string, string> {
  const configured = mergeHeaders(options.configured);
  const forwarded = forwardableHeaders(options.forwarded);
  const beta = joinAnthropicBeta(configured['anthropic-beta'], forwarded['anthropic-beta']);
  return mergeHeaders({ 'anthropic-version': options.version }, configured, forwarded, {
    accept: options.accept,
    'anthropic-beta': beta,
    'x-api-key': options.apiKey,
  });
}
