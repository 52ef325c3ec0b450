import { describe, expect, it } from 'vitest';
import { GatewayError } from '../errors/gateway-error.js';
import { encodeOpenAIError } from './encode-openai-error.js';

describe('encodeOpenAIError', () => {
  it('writes OpenAI’s error body with null param and code when absent', () => {
    expect(encodeOpenAIError(new GatewayError('Bad thing', { status: 400 }))).toStrictEqual({
      error: { message: 'Bad thing', type: 'invalid_request_error', param: null, code: null },
    });
    expect(
      encodeOpenAIError(
        new GatewayError("Invalid value for 'messages[1].role'", {
          status: 400,
          param: 'messages[1].role',
          code: 'invalid_value',
        }),
      ),
    ).toStrictEqual({
      error: {
        message: "Invalid value for 'messages[1].role'",
        type: 'invalid_request_error',
        param: 'messages[1].role',
        code: 'invalid_value',
      },
    });
  });

  it('uses OpenAI’s vocabulary per status', () => {
    const typeAndCode = (error: GatewayError) => {
      const body = encodeOpenAIError(error).error as Record<string, unknown>;
      return [body.type, body.code];
    };
    expect(typeAndCode(new GatewayError('no key', { status: 401 }))).toEqual([
      'invalid_request_error',
      'invalid_api_key',
    ]);
    expect(typeAndCode(new GatewayError('gone', { status: 404, code: 'model_not_found' }))).toEqual([
      'invalid_request_error',
      'model_not_found',
    ]);
    expect(typeAndCode(new GatewayError('big', { status: 413 }))).toEqual(['invalid_request_error', null]);
    expect(typeAndCode(new GatewayError('nope', { status: 403 }))).toEqual(['permission_error', null]);
    expect(typeAndCode(new GatewayError('budget', { status: 402 }))).toEqual([
      'insufficient_quota',
      'insufficient_quota',
    ]);
    expect(typeAndCode(new GatewayError('slow down', { status: 429 }))).toEqual([
      'rate_limit_error',
      'rate_limit_exceeded',
    ]);
    expect(typeAndCode(new GatewayError('boom', { status: 500 }))).toEqual(['server_error', null]);
    expect(typeAndCode(new GatewayError('bad gateway', { status: 502 }))).toEqual(['upstream_error', null]);
    expect(typeAndCode(new GatewayError('busy', { status: 503 }))).toEqual(['overloaded_error', null]);
    expect(typeAndCode(new GatewayError('slow', { status: 504 }))).toEqual(['timeout_error', null]);
    expect(typeAndCode(new GatewayError('odd', { status: 500, type: 'upstream_error' }))).toEqual([
      'upstream_error',
      null,
    ]);
  });
});
