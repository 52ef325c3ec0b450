import { createHttpClient } from '@signalbox/provider-utils';
import { describe, expect, it } from 'vitest';
import { parseGoogleOptions } from './google-options.js';

describe('parseGoogleOptions', () => {
  it('accepts the documented options', () => {
    expect(
      parseGoogleOptions({
        apiKey: 'k',
        baseURL: 'http://127.0.0.1:1/v1beta',
        listModels: ['gemini-2.5-flash'],
      }),
    ).toEqual({
      apiKey: 'k',
      baseURL: 'http://127.0.0.1:1/v1beta',
      listModels: ['gemini-2.5-flash'],
    });
    expect(parseGoogleOptions(undefined)).toEqual({});
  });

  it('names the bad option', () => {
    expect(() => parseGoogleOptions({ baseURL: 'ftp://x' })).toThrow(
      "createGoogle: option 'baseURL' must be an http(s) URL",
    );
    expect(() => parseGoogleOptions({ baseUrl: 'https://x' })).toThrow(
      "createGoogle: unknown option 'baseUrl'",
    );
    expect(() => parseGoogleOptions({ name: 'a/b' })).toThrow(/option 'name'/);
    expect(() => parseGoogleOptions({ httpClient: createHttpClient(), timeouts: { connect: 1 } })).toThrow(
      /option 'timeouts' cannot be combined with httpClient/,
    );
  });
});
