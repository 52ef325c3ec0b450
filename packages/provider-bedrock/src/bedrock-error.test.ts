import { GatewayError, UpstreamCallError } from '@signalbox/core';
import type { HttpResponse } from '@signalbox/provider-utils';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { bedrockErrorType, bedrockStreamException, createBedrockErrorHandler } from './bedrock-error.js';

function response(
  status: number,
  type: string | undefined,
  body: unknown,
  headers: Record<string, string> = {},
): HttpResponse {
  const stream = Readable.from([Buffer.from(typeof body === 'string' ? body : JSON.stringify(body))]);
  return {
    status,
    statusText: '',
    headers: {
      'content-type': 'application/json',
      ...(type && { 'x-amzn-errortype': `${type}:http://internal.amazon.com/coral/com.amazon.bedrock/` }),
      ...headers,
    },
    body: Object.assign(stream, {
      text: async () => (typeof body === 'string' ? body : JSON.stringify(body)),
    }) as unknown as HttpResponse['body'],
    url: 'https://bedrock-runtime.us-east-1.amazonaws.com/model/m/converse',
  };
}

const handle = createBedrockErrorHandler('bedrock');

describe('createBedrockErrorHandler', () => {
  it('keeps a ValidationException 400 with its message, not retryable', async () => {
    const error = await handle(
      response(400, 'ValidationException', { message: 'A conversation must start with a user message.' }),
    );
    expect(UpstreamCallError.isInstance(error)).toBe(true);
    expect([error.status, error.code, error.isRetryable, error.message]).toEqual([
      400,
      'ValidationException',
      false,
      'A conversation must start with a user message.',
    ]);
  });

  it('a ThrottlingException 429 is retryable, with Retry-After', async () => {
    const error = await handle(
      response(429, 'ThrottlingException', { message: 'Too many requests' }, { 'retry-after': '3' }),
    );
    expect([error.status, error.code, error.isRetryable, error.retryAfter]).toEqual([
      429,
      'rate_limit_exceeded',
      true,
      3,
    ]);
  });

  it('ServiceUnavailable 503 and ModelNotReady are retryable; ModelError 424 too', async () => {
    expect((await handle(response(503, 'ServiceUnavailableException', { message: 'x' }))).isRetryable).toBe(
      true,
    );
    expect((await handle(response(429, 'ModelNotReadyException', { message: 'x' }))).isRetryable).toBe(true);
    const modelError = await handle(response(424, 'ModelErrorException', { message: 'x' }));
    expect([modelError.status, modelError.isRetryable]).toEqual([424, true]);
  });

  it('an AccessDenied 403 is a 502 upstream_authentication_failed, not retryable', async () => {
    const error = await handle(
      response(403, 'AccessDeniedException', { message: "You don't have access to the model" }),
    );
    expect([error.status, error.code, error.type, error.isRetryable, error.upstreamStatus]).toEqual([
      502,
      'upstream_authentication_failed',
      'upstream_error',
      false,
      403,
    ]);
  });

  it('a ResourceNotFound 404 is model_not_found; the type may come from the body', async () => {
    const error = await handle(
      response(404, undefined, { __type: 'com.amazon.coral#ResourceNotFoundException', Message: 'No model' }),
    );
    expect([error.status, error.code, error.message]).toEqual([404, 'model_not_found', 'No model']);
  });

  it('a body that is not JSON keeps the status', async () => {
    const error = await handle(response(500, undefined, '<html>oops</html>'));
    expect([error.status, error.isRetryable]).toEqual([500, true]);
  });
});

describe('bedrockErrorType', () => {
  it('reads the header, else the body', () => {
    expect(bedrockErrorType({ 'x-amzn-errortype': 'ThrottlingException:http://x/' })).toBe(
      'ThrottlingException',
    );
    expect(bedrockErrorType({}, { __type: 'a#ValidationException' })).toBe('ValidationException');
    expect(bedrockErrorType({})).toBeUndefined();
  });
});

describe('bedrockStreamException', () => {
  it('maps exception events to statuses', () => {
    const error = bedrockStreamException('throttlingException', { message: 'slow down' }, 'bedrock');
    expect(GatewayError.isInstance(error) && [error.status, error.code, error.isRetryable]).toEqual([
      429,
      'rate_limit_exceeded',
      true,
    ]);
    const unknown = bedrockStreamException('somethingNewException', {}, 'bedrock');
    expect([unknown.status, unknown.isRetryable, unknown.message]).toEqual([
      502,
      true,
      'bedrock stream failed with somethingNewException',
    ]);
  });
});
