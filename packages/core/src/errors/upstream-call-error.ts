import { GatewayError, type GatewayErrorOptions, isRetryableStatus } from './gateway-error.js';

const symbol = Symbol.for('signalbox.error.upstream-call');

/**
 * Options of an {@link UpstreamCallError}: what the provider answered (or that it could not be
 * reached).
 */
export interface UpstreamCallErrorOptions extends Omit<GatewayErrorOptions, 'status'> {
  /** The upstream's HTTP status; undefined for network failures (reset, timeout, DNS). */
  upstreamStatus: number | undefined;
  /** The status the client gets; defaults to the upstream's, or 502/504 for network failures. */
  status?: number;
  url: string;
  provider: string;
  /** The upstream's response body, as text. Never sent to clients verbatim when it is a 401/403. */
  responseBody?: string;
  responseHeaders?: Record<string, string>;
}

/**
 * A failed call to a provider: an error status, a network failure, a timeout, or a response
 * that could not be read. Retryable for 408, 409, 429, 5xx and network failures.
 */
export class UpstreamCallError extends GatewayError {
  // biome-ignore lint/correctness/noUnusedPrivateClassMembers: the brand isInstance() reads
  private readonly [symbol] = true;
  readonly upstreamStatus: number | undefined;
  readonly url: string;
  readonly responseBody: string | undefined;
  readonly responseHeaders: Record<string, string>;

  constructor(message: string, options: UpstreamCallErrorOptions) {
    const status = options.status ?? options.upstreamStatus ?? 502;
    super(message, {
      ...options,
      status,
      isRetryable:
        options.isRetryable ??
        (options.upstreamStatus === undefined ? true : isRetryableStatus(options.upstreamStatus)),
    });
    this.name = 'UpstreamCallError';
    this.upstreamStatus = options.upstreamStatus;
    this.url = options.url;
    this.responseBody = options.responseBody;
    this.responseHeaders = options.responseHeaders ?? {};
  }

  /**
   * Whether `error` is an `UpstreamCallError`, even one from another loaded copy of this package.
   */
  static override isInstance(error: unknown): error is UpstreamCallError {
    return typeof error === 'object' && error !== null && (error as Record<symbol, unknown>)[symbol] === true;
  }
}

/** Parses a `Retry-After` (seconds or HTTP date) or `retry-after-ms` header into seconds. */
export function parseRetryAfter(
  headers: Record<string, string | undefined>,
  now = Date.now(),
): number | undefined {
  const ms = headers['retry-after-ms'];
  if (ms !== undefined && /^\d+(\.\d+)?$/.test(ms.trim())) return Number(ms) / 1000;
  const value = headers['retry-after']?.trim();
  if (!value) return undefined;
  if (/^\d+(\.\d+)?$/.test(value)) return Number(value);
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, (date - now) / 1000);
}
