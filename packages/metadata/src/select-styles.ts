import { GatewayError } from '@signalbox/core';

/** Which response shapes one request gets. */
export interface MetadataStyles {
  vercel: boolean;
  openrouter: boolean;
}

const tokens = new Set(['none', 'vercel', 'openrouter', 'all']);

/**
 * The styles for one request: the gateway's defaults, or the request header's choice when it
 * sent one. The header holds `none`, `vercel`, `openrouter`, `all`, or a comma-separated list of
 * them (`vercel, openrouter`); case and spaces do not matter. Any other value is a 400 naming
 * the header.
 */
export function selectStyles(
  header: string | undefined,
  defaults: MetadataStyles,
  headerName: string,
): MetadataStyles {
  if (header === undefined || header.trim() === '') return defaults;
  const chosen = header
    .toLowerCase()
    .split(',')
    .map((token) => token.trim())
    .filter((token) => token !== '');
  const unknown = chosen.find((token) => !tokens.has(token));
  if (unknown !== undefined) {
    throw new GatewayError(
      `Invalid ${headerName} header value '${unknown.slice(0, 40)}': use none, vercel, openrouter or all.`,
      { status: 400, type: 'invalid_request_error', code: 'invalid_header', param: headerName },
    );
  }
  const all = chosen.includes('all');
  return {
    vercel: all || chosen.includes('vercel'),
    openrouter: all || chosen.includes('openrouter'),
  };
}
