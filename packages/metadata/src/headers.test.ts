import { describe, expect, it } from 'vitest';
import { headerSafe, metadataHeaders } from './headers.js';
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
});
