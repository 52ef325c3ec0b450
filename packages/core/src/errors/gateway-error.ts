import { SignalboxError } from './signalbox-error.js';

const symbol = Symbol.for('signalbox.error.gateway');

/**
 * The kind of failure, named as Anthropic names its error types (the finer-grained of the two
 * APIs). Each endpoint's encoder maps it to its own wire vocabulary.
 */
export type GatewayErrorType =
  | 'invalid_request_error'
  | 'authentication_error'
  | 'permission_error'
  | 'billing_error'
  | 'not_found_error'
  | 'request_too_large'
  | 'unsupported_media_type'
  | 'rate_limit_error'
  | 'api_error'
  | 'upstream_error'
  | 'timeout_error'
  | 'overloaded_error';

/** Options of a {@link GatewayError}: the status and how the error is shown to the client. */
export interface GatewayErrorOptions {
  status: number;
  type?: GatewayErrorType;
  /** Machine-readable code (`invalid_api_key`, `model_not_found`, `rate_limit_exceeded`...). */
  code?: string;
  /** The request field at fault (`messages[1].role`). */
  param?: string;
  /** Whether the router may try again (defaults: 408, 409, 429 and 5xx). */
  isRetryable?: boolean;
  /** Seconds the caller should wait, from `Retry-After` headers. */
  retryAfter?: number;
  /** Response headers the client should get with the error (`retry-after`, `x-ratelimit-*`). */
  headers?: Record<string, string>;
  /** The provider that failed, if any. */
  provider?: string;
  cause?: unknown;
}

/**
 * The OpenAI-style error `type` for an HTTP status (`429` -> `rate_limit_error`), used when an
 * error names none.
 */
export function defaultErrorType(status: number): GatewayErrorType {
  if (status === 400 || status === 422) return 'invalid_request_error';
  if (status === 401) return 'authentication_error';
  if (status === 402) return 'billing_error';
  if (status === 403) return 'permission_error';
  if (status === 404) return 'not_found_error';
  if (status === 408 || status === 504) return 'timeout_error';
  if (status === 413) return 'request_too_large';
  if (status === 415) return 'unsupported_media_type';
  if (status === 429) return 'rate_limit_error';
  if (status === 529 || status === 503) return 'overloaded_error';
  if (status === 502) return 'upstream_error';
  return status >= 500 ? 'api_error' : 'invalid_request_error';
}

/** Whether a failure with this HTTP status may succeed when tried again: 408, 409, 429 and 5xx. */
export function isRetryableStatus(status: number): boolean {
  return status === 408 || status === 409 || status === 429 || status >= 500;
}

/** An error with an HTTP status, answered to the client in its endpoint's own shape. */
export class GatewayError extends SignalboxError {
  // biome-ignore lint/correctness/noUnusedPrivateClassMembers: the brand isInstance() reads
  private readonly [symbol] = true;
  readonly status: number;
  readonly type: GatewayErrorType;
  readonly code: string | undefined;
  readonly param: string | undefined;
  readonly isRetryable: boolean;
  readonly retryAfter: number | undefined;
  readonly headers: Record<string, string>;
  readonly provider: string | undefined;

  constructor(message: string, options: GatewayErrorOptions) {
    super(message, { cause: options.cause });
    this.name = 'GatewayError';
    this.status = options.status;
    this.type = options.type ?? defaultErrorType(options.status);
    this.code = options.code;
    this.param = options.param;
    this.isRetryable = options.isRetryable ?? isRetryableStatus(options.status);
    this.retryAfter = options.retryAfter;
    this.headers = options.headers ?? {};
    this.provider = options.provider;
  }

  /** Whether `error` is a `GatewayError`, even one from another loaded copy of this package. */
  static override isInstance(error: unknown): error is GatewayError {
    return typeof error === 'object' && error !== null && (error as Record<symbol, unknown>)[symbol] === true;
  }

  /** Any thrown value as a GatewayError; unknown errors become a 500 without leaking internals. */
  static from(error: unknown): GatewayError {
    if (GatewayError.isInstance(error)) return error;
    return new GatewayError('Internal gateway error', { status: 500, type: 'api_error', cause: error });
  }
}
