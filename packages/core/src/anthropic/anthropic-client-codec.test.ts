import { describe, expect, it } from 'vitest';
import { GatewayError } from '../errors/gateway-error.js';
import { anthropicClientCodec } from './anthropic-client-codec.js';

describe('anthropicClientCodec', () => {
  it('speaks the anthropic format', () => {
    expect(anthropicClientCodec.format).toBe('anthropic');
    const request = anthropicClientCodec.decodeRequest(
      { model: 'm', max_tokens: 5, messages: [{ role: 'user', content: 'Hi' }] },
      { 'anthropic-version': '2023-06-01' },
    );
    expect(request.source?.format).toBe('anthropic');
    expect(() => anthropicClientCodec.decodeRequest({ model: 'm', messages: [] }, {})).toThrow(GatewayError);
    expect(anthropicClientCodec.encodeError(new GatewayError('nope', { status: 404 }))).toEqual({
      type: 'error',
      error: { type: 'not_found_error', message: 'nope' },
    });
  });
});
