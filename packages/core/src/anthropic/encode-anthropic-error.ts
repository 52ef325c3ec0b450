import type { GatewayError, GatewayErrorType } from '../errors/gateway-error.js';

/** Anthropic's error `type` vocabulary. */
export type AnthropicErrorType =
  | 'invalid_request_error'
  | 'authentication_error'
  | 'billing_error'
  | 'permission_error'
  | 'not_found_error'
  | 'request_too_large'
  | 'rate_limit_error'
  | 'api_error'
  | 'timeout_error'
  | 'overloaded_error';

/** A gateway error type in Anthropic's vocabulary (`upstream_error` -> api_error, `unsupported_media_type` -> invalid_request_error). */
export function toAnthropicErrorType(type: GatewayErrorType): AnthropicErrorType {
  switch (type) {
    case 'upstream_error':
      return 'api_error';
    case 'unsupported_media_type':
      return 'invalid_request_error';
    default:
      return type;
  }
}

/** An error as Anthropic's error body: `{type: 'error', error: {type, message}}`. */
export function encodeAnthropicError(error: GatewayError): Record<string, unknown> {
  return { type: 'error', error: { type: toAnthropicErrorType(error.type), message: error.message } };
}
