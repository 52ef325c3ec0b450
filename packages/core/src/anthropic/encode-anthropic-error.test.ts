import { describe, expect, it } from 'vitest';
import { GatewayError } from '../errors/gateway-error.js';
import { encodeAnthropicError } from './encode-anthropic-error.js';

describe('encodeAnthropicError', () => {
  it('answers in Anthropic’s error shape', () => {
    expect(encodeAnthropicError(new GatewayError('max_tokens: Field required', { status: 400 }))).toEqual({
      type: 'error',
      error: { type: 'invalid_request_error', message: 'max_tokens: Field required' },
    });
    expect(encodeAnthropicError(new GatewayError('Overloaded', { status: 529 }))).toEqual({
      type: 'error',
      error: { type: 'overloaded_error', message: 'Overloaded' },
    });
  });

  it('maps gateway-only types to Anthropic’s vocabulary', () => {
    const upstream = new GatewayError('Bad gateway', { status: 502, type: 'upstream_error' });
    expect(encodeAnthropicError(upstream)).toEqual({
      type: 'error',
      error: { type: 'api_error', message: 'Bad gateway' },
    });
    const media = new GatewayError('Use JSON', { status: 415, type: 'unsupported_media_type' });
    expect(encodeAnthropicError(media)).toEqual({
      type: 'error',
      error: { type: 'invalid_request_error', message: 'Use JSON' },
    });
  });
});
