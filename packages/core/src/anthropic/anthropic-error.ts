import { GatewayError } from '../errors/gateway-error.js';
import type { GatewayErrorType } from '../errors/gateway-error.js';

const statusByType: Record<string, { status: number; type: GatewayErrorType }> = {
  invalid_request_error: { status: 400, type: 'invalid_request_error' },
  authentication_error: { status: 401, type: 'authentication_error' },
  billing_error: { status: 402, type: 'billing_error' },
  permission_error: { status: 403, type: 'permission_error' },
  not_found_error: { status: 404, type: 'not_found_error' },
  request_too_large: { status: 413, type: 'request_too_large' },
  rate_limit_error: { status: 429, type: 'rate_limit_error' },
  api_error: { status: 500, type: 'api_error' },
  timeout_error: { status: 504, type: 'timeout_error' },
  overloaded_error: { status: 529, type: 'overloaded_error' },
};

/**
 * The HTTP status and gateway error type of an Anthropic error `type`
 * (`overloaded_error` -> 529, `api_error` -> 500, `rate_limit_error` -> 429...). Unknown types
 * map to 500 `api_error`.
 */
export function anthropicErrorStatus(type: string): { status: number; type: GatewayErrorType } {
  return statusByType[type] ?? { status: 500, type: 'api_error' };
}

/**
 * An Anthropic error object (`{type, message}`, e.g. from an `error` stream event) as a
 * `GatewayError` with the status Anthropic uses for that type; retryable for 408, 409, 429, 5xx.
 */
export function anthropicErrorToGatewayError(
  error: { type: string; message: string },
  options: { provider?: string; cause?: unknown } = {},
): GatewayError {
  const { status, type } = anthropicErrorStatus(error.type);
  return new GatewayError(error.message, { status, type, code: error.type, ...options });
}
