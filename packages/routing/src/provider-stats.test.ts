import { describe, expect, it } from 'vitest';
import { offerKey, ProviderStats } from './provider-stats.js';

describe('ProviderStats', () => {
  it('keeps moving averages of time to first token and tokens per second', () => {
    const stats = new ProviderStats({ alpha: 0.5 });
    const key = offerKey('openai', 'gpt-4o-mini');
    expect(key).toBe('openai/gpt-4o-mini');
    stats.record(key, { ttftMs: 100, tokensPerSecond: 50 });
    stats.record(key, { ttftMs: 200 });
    expect(stats.get(key)).toEqual({ ttftMs: 150, tokensPerSecond: 50, samples: 2 });
    stats.record(key, { ttftMs: 150, tokensPerSecond: 100 });
    expect(stats.get(key)?.tokensPerSecond).toBe(75);
  });

  it('forgets the oldest entry past its size limit', () => {
    const stats = new ProviderStats({ maxEntries: 2 });
    for (const name of ['a', 'b', 'c']) stats.record(name, { ttftMs: 1 });
    expect(stats.get('a')).toBeUndefined();
    expect(stats.get('c')).toBeDefined();
  });
});
