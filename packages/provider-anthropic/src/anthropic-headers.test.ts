import { describe, expect, it } from 'vitest';
import { anthropicHeaders, joinAnthropicBeta } from './anthropic-headers.js';

describe('joinAnthropicBeta', () => {
  it('combines flags once each', () => {
    expect(joinAnthropicBeta('a, b', undefined, 'b,c')).toBe('a,b,c');
    expect(joinAnthropicBeta(undefined, '')).toBeUndefined();
  });
});

describe('anthropicHeaders', () => {
  it('orders version, configured, forwarded, then the key; combines beta flags', () => {
    expect(
      anthropicHeaders({
        version: '2023-06-01',
        configured: { 'Anthropic-Beta': 'prompt-caching-2024-07-31', 'X-Team': 'core' },
        forwarded: {
          'anthropic-beta': 'output-128k-2025-02-19',
          'x-api-key': 'gateway-key',
          authorization: 'Bearer gateway-key',
        },
        apiKey: 'sk-ant',
        accept: 'application/json',
      }),
    ).toEqual({
      'anthropic-version': '2023-06-01',
      'anthropic-beta': 'prompt-caching-2024-07-31,output-128k-2025-02-19',
      'x-team': 'core',
      accept: 'application/json',
      'x-api-key': 'sk-ant',
    });
  });

  it('sends no key header without a key, and no beta header without flags', () => {
    const headers = anthropicHeaders({
      version: '2023-06-01',
      configured: undefined,
      forwarded: undefined,
      apiKey: undefined,
      accept: 'text/event-stream',
    });
    expect(headers).toEqual({ 'anthropic-version': '2023-06-01', accept: 'text/event-stream' });
  });
});
