import { createHttpClient } from '@signalbox/provider-utils';
import { describe, expect, it } from 'vitest';
import { parseCohereOptions } from './cohere-options.js';

describe('parseCohereOptions', () => {
  it('accepts every documented option', async () => {
    const httpClient = createHttpClient();
    expect(
      parseCohereOptions({
        name: 'cohere-eu',
        apiKey: 'co-key',
        baseURL: 'https://api.cohere.com/',
        headers: { 'x-client-name': 'signalbox' },
        listModels: ['command-a-03-2025'],
        httpClient,
      }),
    ).toMatchObject({
      name: 'cohere-eu',
      baseURL: 'https://api.cohere.com/',
      listModels: ['command-a-03-2025'],
    });
    expect(parseCohereOptions({ apiKey: 'k', timeouts: { connect: 1000 } }).timeouts).toEqual({
      connect: 1000,
    });
    await httpClient.close();
  });

  it('throws a TypeError naming the bad option', async () => {
    expect(() => parseCohereOptions({})).toThrow(/createCohere: option 'apiKey'/);
    expect(() => parseCohereOptions({ apiKey: '' })).toThrow(/option 'apiKey'/);
    expect(() => parseCohereOptions({ apiKey: 'k', baseURL: 'api.cohere.com' })).toThrow(
      new TypeError("createCohere: option 'baseURL' must be an http(s) URL"),
    );
    expect(() => parseCohereOptions({ apiKey: 'k', baseUrl: 'https://api.cohere.com' })).toThrow(
      "createCohere: unknown option 'baseUrl'",
    );
    expect(() => parseCohereOptions({ apiKey: 'k', name: 'co/here' })).toThrow(/option 'name'/);
    const httpClient = createHttpClient();
    expect(() => parseCohereOptions({ apiKey: 'k', httpClient, timeouts: { connect: 1 } })).toThrow(
      /option 'timeouts' cannot be combined with httpClient/,
    );
    await httpClient.close();
  });
});
