import { describe, expect, it } from 'vitest';
import { BoundedMemo } from './bounded-memo.js';

describe('BoundedMemo', () => {
  it('remembers results, undefined ones too', () => {
    const memo = new BoundedMemo<string | undefined>(10);
    memo.set('a', 'A');
    memo.set('b', undefined);
    expect(memo.get('a')).toBe('A');
    expect(memo.has('b')).toBe(true);
    expect(memo.has('c')).toBe(false);
  });

  it('never holds more than its size: full, it starts over', () => {
    const memo = new BoundedMemo<number>(3);
    for (let index = 0; index < 10; index += 1) {
      memo.set(`k${index}`, index);
      expect(memo.size).toBeLessThanOrEqual(3);
    }
    expect(memo.get('k9')).toBe(9);
  });

  it('replaces the result of a key it has without starting over', () => {
    const memo = new BoundedMemo<number>(3);
    memo.set('a', 1);
    memo.set('b', 2);
    memo.set('c', 3);
    memo.set('c', 30);
    expect(memo.size).toBe(3);
    expect(memo.get('a')).toBe(1);
    expect(memo.get('c')).toBe(30);
  });

  it('refuses a nonsensical size', () => {
    expect(() => new BoundedMemo(0)).toThrow('maxEntries must be a positive integer');
  });
});
