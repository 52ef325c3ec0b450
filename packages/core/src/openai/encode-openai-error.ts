import type { GatewayError } from '../errors/gateway-error.js';

/** 5xx error types that say more than OpenAI's `server_error` and are kept. */
const keptServerTypes = new Set(['upstream_error', 'overloaded_error', 'timeout_error']);

function openaiTypeAndCode(error: GatewayError): { type: string; code: string | undefined } {
  const { status, code } = error;
  if (error.type === 'billing_error' || status === 402) {
    // OpenAI's own quota error: `{type: 'insufficient_quota', code: 'insufficient_quota'}`.
    return { type: 'insufficient_quota', code: code ?? 'insufficient_quota' };
  }
  switch (status) {
    case 400:
    case 404:
    case 413:
    case 415:
    case 422:
      return { type: 'invalid_request_error', code };
    case 401:
      // OpenAI answers a bad key with `invalid_request_error` / `invalid_api_key`.
      return { type: 'invalid_request_error', code: code ?? 'invalid_api_key' };
    case 429:
      return { type: error.type, code: code ?? 'rate_limit_exceeded' };
  }
  if (status >= 500) return { type: keptServerTypes.has(error.type) ? error.type : 'server_error', code };
  return { type: error.type, code };
}

/**
 * An error as the body OpenAI sends: `{error: {message, type, param, code}}`, with `param` and
 * `code` null when absent and the type in OpenAI's vocabulary where OpenAI has one
 * (`invalid_request_error`, `insufficient_quota`, `server_error`); the HTTP status is the error's.
 */
export function encodeOpenAIError(error: GatewayError): Record<string, unknown> {
  const { type, code } = openaiTypeAndCode(error);
  return { error: { message: error.message, type, param: error.param ?? null, code: code ?? null } };
}
