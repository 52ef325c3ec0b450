import { createHttpClient } from '@signalbox/provider-utils';
import { describe, expect, it } from 'vitest';
import { parseOpenAIOptions } from './openai-options.js';

describe('parseOpenAIOptions', () => {
  it('accepts every documented option', () => {
    const httpClient = createHttpClient();
    expect(
      parseOpenAIOptions({
        name: 'groq',
        apiKey: 'gsk',
        baseURL: 'https://api.groq.com/openai/v1/',
        headers: { 'x-extra': '1' },
        organization: 'org_1',
        project: 'proj_1',
        maxTokensField: 'max_completion_tokens',
        listModels: ['llama-3.3-70b'],
        httpClient,
      }),
    ).toMatchObject({ name: 'groq', baseURL: 'https://api.groq.com/openai/v1/' });
    expect(parseOpenAIOptions(undefined)).toEqual({});
    expect(parseOpenAIOptions({ timeouts: { connect: 1000, headers: 2000, body: 3000 } }).timeouts).toEqual({
      connect: 1000,
      headers: 2000,
      body: 3000,
    });
  });

  it('throws a TypeError naming the bad option', () => {
    expect(() => parseOpenAIOptions({ baseURL: 'ftp://example.com' })).toThrow(
      new TypeError("createOpenAI: option 'baseURL' must be an http(s) URL"),
    );
    expect(() => parseOpenAIOptions({ baseURL: 'not a url' })).toThrow(/option 'baseURL'/);
    expect(() => parseOpenAIOptions({ apiKey: '' })).toThrow(/option 'apiKey'/);
    expect(() => parseOpenAIOptions({ maxTokensField: 'max_output_tokens' })).toThrow(
      /option 'maxTokensField'/,
    );
    expect(() => parseOpenAIOptions({ timeouts: { connect: -1 } })).toThrow(/option 'timeouts.connect'/);
    expect(() => parseOpenAIOptions({ name: 'open/ai' })).toThrow(/option 'name'/);
    expect(() => parseOpenAIOptions({ httpClient: {} })).toThrow(/option 'httpClient'/);
    expect(() => parseOpenAIOptions({ baseUrl: 'https://x' })).toThrow(
      new TypeError("createOpenAI: unknown option 'baseUrl'"),
    );
    expect(() => parseOpenAIOptions({ timeouts: { idle: 5 } })).toThrow(/unknown option 'timeouts.idle'/);
  });

  it('refuses timeouts together with a shared client', () => {
    expect(() => parseOpenAIOptions({ httpClient: createHttpClient(), timeouts: { connect: 5 } })).toThrow(
      /option 'timeouts' cannot be combined with httpClient/,
    );
  });
});
