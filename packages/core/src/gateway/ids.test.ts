import { describe, expect, it } from 'vitest';
import { randomIds } from './ids.js';

describe('randomIds', () => {
  it('makes generation ids and prefixed ids of base-36 characters', () => {
    expect(randomIds.generationId()).toMatch(/^gen_[0-9a-z]{26}$/);
    expect(randomIds.id('chatcmpl-')).toMatch(/^chatcmpl-[0-9a-z]{24}$/);
  });

  it('never repeats, across refills of its random pool', () => {
    const seen = new Set<string>();
    // 26 bytes per id: 1,000 ids use several 4 KiB pools.
    for (let index = 0; index < 1_000; index += 1) seen.add(randomIds.generationId());
    expect(seen.size).toBe(1_000);
  });

  it('uses every character of the alphabet', () => {
    const characters = new Set([...Array.from({ length: 200 }, () => randomIds.id('')).join('')]);
    expect(characters.size).toBe(36);
  });
});
