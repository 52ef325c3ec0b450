import { createHttpClient } from '@signalbox/provider-utils';
import { describe, expect, it } from 'vitest';
import { parseAnthropicOptions } from './anthropic-options.js';

describe('parseAnthropicOptions', () => {
  it('accepts every documented option', () => {
    const options = {
      name: 'claude',
      apiKey: 'sk-ant',
      baseURL: 'https://api.anthropic.com/',
      anthropicVersion: '2023-06-01',
      headers: { 'anthropic-beta': 'prompt-caching-2024-07-31' },
      defaultMaxTokens: 8192,
      listModels: false,
      timeouts: { connect: 1000 },
    };
    expect(parseAnthropicOptions(options)).toEqual(options);
    expect(parseAnthropicOptions({ httpClient: createHttpClient() }).httpClient).toBeDefined();
  });

  it('throws a TypeError naming the bad option', () => {
    expect(() => parseAnthropicOptions({ defaultMaxTokens: 0 })).toThrow(
      expect.objectContaining({
        name: 'TypeError',
        message: expect.stringMatching(/^createAnthropic: option 'defaultMaxTokens'/),
      }),
    );
    expect(() => parseAnthropicOptions({ anthropicVersion: 'latest' })).toThrow(
      "createAnthropic: option 'anthropicVersion' must be a date like 2023-06-01",
    );
    expect(() => parseAnthropicOptions({ baseURL: 'api.anthropic.com' })).toThrow(/option 'baseURL'/);
    expect(() => parseAnthropicOptions({ version: '2023-06-01' })).toThrow(
      "createAnthropic: unknown option 'version'",
    );
    expect(() => parseAnthropicOptions({ httpClient: createHttpClient(), timeouts: { body: 5 } })).toThrow(
      /cannot be combined with httpClient/,
    );
  });
});
