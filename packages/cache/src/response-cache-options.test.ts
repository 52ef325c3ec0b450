import { describe, expect, it } from 'vitest';
import { MemoryCacheStore } from './memory-cache-store.js';
import { parseResponseCacheOptions } from './response-cache-options.js';

describe('parseResponseCacheOptions', () => {
  it('applies the defaults', () => {
    expect(parseResponseCacheOptions()).toMatchObject({
      ttlSeconds: 300,
      enabledByDefault: false,
      headerPrefixes: ['x-signalbox-'],
      maxEntryBytes: 1024 * 1024,
      coalesce: true,
      scope: 'principal',
      storeTimeoutMs: 1000,
      warnIntervalMs: 60_000,
    });
  });

  it('adds the OpenRouter prefix with openrouter: true, and turns endpoint lists into sets', () => {
    const parsed = parseResponseCacheOptions({
      openrouter: true,
      enabledByDefault: ['messages'],
      store: new MemoryCacheStore(),
    });
    expect(parsed.headerPrefixes).toEqual(['x-signalbox-', 'x-openrouter-']);
    expect(parsed.enabledByDefault).toEqual(new Set(['messages']));
  });

  it.each([
    [{ ttlSeconds: 0 }, 'ttlSeconds'],
    [{ ttlSeconds: 1.5 }, 'ttlSeconds'],
    [{ maxEntryBytes: -1 }, 'maxEntryBytes'],
    [{ headerPrefixes: ['x-signalbox'] }, 'headerPrefixes.0'],
    [{ scope: 'team' }, 'scope'],
    [{ logger: console.log }, 'logger'],
    [{ unknown: true }, 'unknown'],
  ])('rejects %j naming %s', (options, name) => {
    expect(() => parseResponseCacheOptions(options as never)).toThrow(
      new RegExp(`responseCache: invalid option ${name.replace('.', '\\.')}`),
    );
  });
});
