import { GatewayError, UpstreamCallError } from '@signalbox/core';

/** Where a network failure happened. */
export interface NetworkErrorContext {
  provider: string;
  url: string;
  /** The call's signal: when it is aborted, the failure is the client's abort, not the provider's. */
  signal?: AbortSignal;
}

const timeoutCodes: Record<string, string> = {
  UND_ERR_CONNECT_TIMEOUT: 'connecting timed out',
  UND_ERR_HEADERS_TIMEOUT: 'no response headers before the headers timeout',
  UND_ERR_BODY_TIMEOUT: 'the response body stalled past the body timeout',
  ETIMEDOUT: 'the connection timed out',
};

const networkCodes: Record<string, string> = {
  ECONNRESET: 'connection reset',
  ECONNREFUSED: 'connection refused',
  ECONNABORTED: 'connection aborted',
  EPIPE: 'connection closed while sending',
  EHOSTUNREACH: 'host unreachable',
  ENETUNREACH: 'network unreachable',
  ENOTFOUND: 'host not found (DNS)',
  EAI_AGAIN: 'DNS lookup failed',
  UND_ERR_SOCKET: 'socket closed',
  UND_ERR_CLOSED: 'client closed',
  UND_ERR_DESTROYED: 'client destroyed',
  UND_ERR_ABORTED: 'request aborted',
  UND_ERR_RES_CONTENT_LENGTH_MISMATCH: 'response shorter than its content-length',
  UND_ERR_REQ_CONTENT_LENGTH_MISMATCH: 'request body length mismatch',
  UND_ERR_HEADERS_OVERFLOW: 'response headers too large',
  UND_ERR_RES_EXCEEDED_MAX_SIZE: 'response too large',
  UND_ERR_INFO: 'unexpected informational response',
};

function codeOf(error: unknown, depth = 0): string | undefined {
  if (typeof error !== 'object' || error === null || depth > 3) return undefined;
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string' && (code in timeoutCodes || code in networkCodes || code.startsWith('HPE_')))
    return code;
  const nested = (error as { cause?: unknown }).cause ?? (error as { errors?: unknown[] }).errors?.[0];
  return codeOf(nested, depth + 1) ?? (typeof code === 'string' ? code : undefined);
}

/**
 * Maps a failure of the HTTP exchange itself (no usable response) to what the router needs:
 *
 * - the call's signal is aborted: its abort reason, as is (a client abort is not a provider failure);
 * - a `GatewayError` already: unchanged;
 * - a timeout (connect, headers, body): a retryable 504 `timeout_error`, code `upstream_timeout`;
 * - anything else (reset, socket closed, refused, DNS, a malformed response): a retryable 502
 *   `upstream_error`, code `upstream_connection_error`.
 *
 * The message names the provider and the failure but not the URL (kept on the error for logs).
 * Returns the error to throw.
 */
export function mapNetworkError(error: unknown, context: NetworkErrorContext): unknown {
  if (context.signal?.aborted) return context.signal.reason ?? error;
  if (GatewayError.isInstance(error)) return error;
  const code = codeOf(error);
  const timeout = code === undefined ? undefined : timeoutCodes[code];
  if (timeout !== undefined) {
    return new UpstreamCallError(`Request to ${context.provider} timed out: ${timeout}.`, {
      status: 504,
      type: 'timeout_error',
      code: 'upstream_timeout',
      upstreamStatus: undefined,
      isRetryable: true,
      url: context.url,
      provider: context.provider,
      cause: error,
    });
  }
  const reason =
    (code === undefined ? undefined : networkCodes[code]) ??
    (code?.startsWith('HPE_') ? 'malformed HTTP response' : undefined) ??
    code ??
    'network failure';
  return new UpstreamCallError(`Request to ${context.provider} failed: ${reason}.`, {
    status: 502,
    type: 'upstream_error',
    code: 'upstream_connection_error',
    upstreamStatus: undefined,
    isRetryable: true,
    url: context.url,
    provider: context.provider,
    cause: error,
  });
}
