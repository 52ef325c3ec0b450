import { describe, expect, it } from 'vitest';
import { headerSafe, metadataHeaderNames, metadataHeaders, writeMetadataHeaders } from './headers.js';
import { attempt, source } from './test-support.js';

describe('metadataHeaders', () => {
  it('names the generation, provider, model and attempt count', () => {
    const headers = metadataHeaders(
      source({
        attempts: [
          attempt({ success: false, statusCode: 500 }),
          attempt({ provider: 'backup', model: 'backup/echo' }),
        ],
        resolved: { model: 'backup/echo', provider: 'backup', providerModelId: 'echo' },
      }),
      'x-signalbox-',
    );
    expect(headers).toEqual({
      'x-signalbox-generation-id': 'gen_test',
      'x-signalbox-attempts': '2',
      'x-signalbox-provider': 'backup',
      'x-signalbox-model': 'backup/echo',
    });
  });

  it('adds the cache status when set and honours the prefix', () => {
    const headers = metadataHeaders(
      { ...source({ resolved: undefined, attempts: [] }), cacheStatus: 'HIT' },
      'x-gw-',
    );
    expect(headers).toEqual({
      'x-gw-generation-id': 'gen_test',
      'x-gw-attempts': '0',
      'x-gw-cache-status': 'HIT',
    });
  });

  it('keeps header values printable ASCII and short', () => {
    expect(headerSafe('mock/echo\r\nx-evil: 1')).toBe('mock/echo__x-evil: 1');
    expect(headerSafe('mock/é')).toBe('mock/_');
    expect(headerSafe('m'.repeat(1000))).toHaveLength(256);
  });

  it('returns a safe value as it is, and cleans only what needs it', () => {
    const value = 'openai/gpt-4o-mini';
    expect(headerSafe(value)).toBe(value);
    expect(headerSafe(' ~')).toBe(' ~');
    expect(headerSafe('a\x7fb')).toBe('a_b');
    expect(headerSafe('\u{1F600}')).toBe('__');
    expect(headerSafe('m'.repeat(256))).toBe('m'.repeat(256));
    expect(headerSafe(`${'m'.repeat(255)}é`)).toBe(`${'m'.repeat(255)}_`);
  });

  it('writes into the response headers what Object.assign of metadataHeaders would, in the same order', () => {
    const sources = [
      source({}),
      { ...source({ resolved: undefined, attempts: [] }), cacheStatus: 'MISS' as const },
      {
        ...source({ resolved: { model: 'bad\nmodel', provider: 'p', providerModelId: 'm' } }),
        cacheStatus: 'HIT' as const,
      },
    ];
    for (const prefix of ['x-signalbox-', 'x-gw-']) {
      for (const from of sources) {
        const written: Record<string, string> = { 'content-type': 'json', [`${prefix}generation-id`]: 'old' };
        const assigned: Record<string, string> = {
          'content-type': 'json',
          [`${prefix}generation-id`]: 'old',
        };
        writeMetadataHeaders(written, from, metadataHeaderNames(prefix));
        Object.assign(assigned, metadataHeaders(from, prefix));
        expect(Object.entries(written)).toEqual(Object.entries(assigned));
      }
    }
  });
});
