import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createHttpClient } from './http-client.js';
import { parseOptions, providerOptionSchemas } from './parse-options.js';

const schema = z.strictObject({
  name: providerOptionSchemas.name.optional(),
  baseURL: providerOptionSchemas.baseURL.optional(),
  timeouts: providerOptionSchemas.timeouts.optional(),
  httpClient: providerOptionSchemas.httpClient.optional(),
});

describe('parseOptions', () => {
  it('returns valid options', () => {
    const httpClient = createHttpClient();
    expect(parseOptions(schema, { name: 'groq', httpClient }, 'createX')).toEqual({
      name: 'groq',
      httpClient,
    });
    expect(parseOptions(schema, undefined, 'createX')).toEqual({});
  });

  it('throws a TypeError naming the option', () => {
    expect(() => parseOptions(schema, { baseURL: 'ftp://x' }, 'createX')).toThrow(
      new TypeError("createX: option 'baseURL' must be an http(s) URL"),
    );
    expect(() => parseOptions(schema, { timeouts: { body: 0 } }, 'createX')).toThrow(
      /option 'timeouts.body'/,
    );
    expect(() => parseOptions(schema, { name: 'a/b' }, 'createX')).toThrow(/option 'name' must be letters/);
    expect(() => parseOptions(schema, { httpClient: {} }, 'createX')).toThrow(
      /must be a client from createHttpClient/,
    );
  });

  it('names unknown options', () => {
    expect(() => parseOptions(schema, { baseUrl: 'https://x' }, 'createX')).toThrow(
      new TypeError("createX: unknown option 'baseUrl'"),
    );
    expect(() => parseOptions(schema, { timeouts: { idle: 1 } }, 'createX')).toThrow(
      /unknown option 'timeouts.idle'/,
    );
  });
});
