import { GatewayError } from '@signalbox/core';
import { describe, expect, it } from 'vitest';
import { parseBedrockRequestOptions } from './bedrock-request-options.js';

describe('parseBedrockRequestOptions', () => {
  it('accepts the Converse fields the canonical model has no slot for', () => {
    const options = {
      guardrailConfig: { guardrailIdentifier: 'gr-1', guardrailVersion: '1' },
      requestMetadata: { team: 'search' },
      additionalModelRequestFields: { top_k: 5 },
    };
    expect(parseBedrockRequestOptions(options)).toEqual(options);
    expect(parseBedrockRequestOptions(undefined)).toBeUndefined();
  });

  it('rejects an unknown or mistyped option with a 400 naming it', () => {
    const unknown = (() => {
      try {
        parseBedrockRequestOptions({ guardrail: {} });
      } catch (error) {
        return error;
      }
    })();
    expect(GatewayError.isInstance(unknown) && unknown.status).toBe(400);
    expect(GatewayError.isInstance(unknown) && unknown.param).toBe('providerOptions.bedrock.guardrail');
    expect(() => parseBedrockRequestOptions({ requestMetadata: { a: 1 } })).toThrow(
      /providerOptions\.bedrock\.requestMetadata\.a/,
    );
  });
});
