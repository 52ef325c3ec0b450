import { type ChatRequest, GatewayError } from '@signalbox/core';
import { describe, expect, it } from 'vitest';
import { readCohereChatOptions } from './cohere-chat-options.js';

function request(overrides: Partial<ChatRequest> = {}): ChatRequest {
  return { model: 'cohere/command-a-03-2025', messages: [], stream: false, ...overrides };
}

function rejection(run: () => unknown): GatewayError {
  try {
    run();
  } catch (error) {
    if (GatewayError.isInstance(error)) return error;
    throw error;
  }
  throw new Error('expected a GatewayError');
}

describe('readCohereChatOptions', () => {
  it('is empty when the request has none', () => {
    expect(readCohereChatOptions(request(), 'cohere')).toEqual({});
  });

  it('reads in-process provider options and keeps unknown fields', () => {
    const options = readCohereChatOptions(
      request({ providerOptions: { cohere: { safety_mode: 'STRICT', future_field: 1 } } }),
      'cohere',
    );
    expect(options).toEqual({ safety_mode: 'STRICT', future_field: 1 });
  });

  it('reads a body field providerOptions keyed by the provider name; the in-process options win', () => {
    const options = readCohereChatOptions(
      request({
        providerOptions: { 'cohere-eu': { priority: 1 } },
        source: {
          format: 'openai',
          extraFields: {
            providerOptions: { 'cohere-eu': { priority: 5, strict_tools: true }, other: { x: 1 } },
          },
          forwardHeaders: {},
        },
      }),
      'cohere-eu',
    );
    expect(options).toEqual({ priority: 1, strict_tools: true });
  });

  it('rejects an invalid field with a 400 naming it', () => {
    const error = rejection(() =>
      readCohereChatOptions(request({ providerOptions: { cohere: { safety_mode: 'LOOSE' } } }), 'cohere'),
    );
    expect(error).toMatchObject({ status: 400, param: 'providerOptions.cohere.safety_mode' });
    expect(error.message).toMatch(/providerOptions\.cohere\.safety_mode/);
  });

  it('rejects fields the adapter owns', () => {
    const error = rejection(() =>
      readCohereChatOptions(request({ providerOptions: { cohere: { model: 'other' } } }), 'cohere'),
    );
    expect(error).toMatchObject({ status: 400, param: 'providerOptions.cohere.model' });
  });

  it('rejects options that are not an object', () => {
    const error = rejection(() =>
      readCohereChatOptions(
        request({
          source: {
            format: 'openai',
            extraFields: { providerOptions: { cohere: 'strict' } },
            forwardHeaders: {},
          },
        }),
        'cohere',
      ),
    );
    expect(error).toMatchObject({ status: 400, param: 'providerOptions.cohere' });
  });
});
