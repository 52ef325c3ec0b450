import { describe, expect, it } from 'vitest';
import { parsePromptCachingOptions } from './prompt-caching-options.js';

describe('parsePromptCachingOptions', () => {
  it('applies the defaults', () => {
    expect(parsePromptCachingOptions()).toMatchObject({
      mode: 'off',
      headerPrefix: 'x-signalbox-',
      maxBreakpoints: 4,
      minPrefixTokens: 1024,
      affinity: true,
      affinityTtlSeconds: 300,
      storeTimeoutMs: 250,
    });
  });

  it.each([
    [{ mode: 'on' }, 'mode'],
    [{ maxBreakpoints: 5 }, 'maxBreakpoints'],
    [{ ttl: '2h' }, 'ttl'],
    [{ headerPrefix: 'X-' }, 'headerPrefix'],
    [{ affinityStore: {} }, 'affinityStore'],
    [{ extra: 1 }, 'extra'],
  ])('rejects %j naming %s', (options, name) => {
    expect(() => parsePromptCachingOptions(options as never)).toThrow(
      `promptCaching: invalid option ${name}`,
    );
  });
});
