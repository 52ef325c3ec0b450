import { describe, expect, it } from 'vitest';
import { apiKeyInvalid, faultError, googleStatusName, invalidArgument } from './fake-google-errors.js';

describe('fake Google errors', () => {
  it('names statuses as Google does', () => {
    expect(googleStatusName(429)).toBe('RESOURCE_EXHAUSTED');
    expect(googleStatusName(503)).toBe('UNAVAILABLE');
    expect(googleStatusName(502)).toBe('INTERNAL');
    expect(googleStatusName(418)).toBe('FAILED_PRECONDITION');
  });

  it('words fault errors, with RetryInfo on a 429', () => {
    expect(faultError(429, 'gemini-2.5-flash', 2).error.details).toContainEqual({
      '@type': 'type.googleapis.com/google.rpc.RetryInfo',
      retryDelay: '2s',
    });
    expect(faultError(400, 'm', undefined).error).toMatchObject({ code: 400, status: 'INVALID_ARGUMENT' });
    expect(faultError(502, 'm', undefined).error.message).toContain('status 502');
  });

  it('builds bad-request and bad-key bodies', () => {
    expect(invalidArgument('bad', ['bad'])).toEqual({
      error: {
        code: 400,
        message: 'bad',
        status: 'INVALID_ARGUMENT',
        details: [
          { '@type': 'type.googleapis.com/google.rpc.BadRequest', fieldViolations: [{ description: 'bad' }] },
        ],
      },
    });
    expect(apiKeyInvalid().error.details?.[0]).toMatchObject({ reason: 'API_KEY_INVALID' });
  });
});
