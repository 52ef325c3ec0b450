import { describe, expect, it } from 'vitest';
import { anthropicErrorStatus, anthropicErrorToGatewayError } from './anthropic-error.js';

describe('anthropicErrorToGatewayError', () => {
  it.each([
    ['invalid_request_error', 400, false],
    ['authentication_error', 401, false],
    ['billing_error', 402, false],
    ['permission_error', 403, false],
    ['not_found_error', 404, false],
    ['request_too_large', 413, false],
    ['rate_limit_error', 429, true],
    ['api_error', 500, true],
    ['timeout_error', 504, true],
    ['overloaded_error', 529, true],
  ])('maps %s to %i (retryable: %s)', (type, status, retryable) => {
    const error = anthropicErrorToGatewayError({ type, message: 'm' });
    expect(error.status).toBe(status);
    expect(error.type).toBe(type);
    expect(error.isRetryable).toBe(retryable);
    expect(error.message).toBe('m');
    expect(error.code).toBe(type);
  });

  it('maps unknown types to a 500 api_error', () => {
    expect(anthropicErrorStatus('brand_new_error')).toEqual({ status: 500, type: 'api_error' });
  });
});
