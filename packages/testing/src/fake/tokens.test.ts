import { describe, expect, it } from 'vitest';
import { canonicalJson } from './json.js';
import { chunkText, countWords, estimateTokens, splitWords } from './tokens.js';

describe('token helpers', () => {
  it('estimates one token per 4 characters, rounded up', () => {
    expect(estimateTokens('')).toBe(0);
    expect(estimateTokens('abcd')).toBe(1);
    expect(estimateTokens('abcde')).toBe(2);
  });

  it('counts words and splits them losslessly', () => {
    expect(countWords('  echo: hello  world ')).toBe(3);
    const pieces = splitWords('echo: hello  world ');
    expect(pieces).toEqual(['echo:', ' hello', '  world', ' ']);
    expect(pieces.join('')).toBe('echo: hello  world ');
    expect(splitWords('')).toEqual([]);
  });

  it('chunks text', () => {
    expect(chunkText('{"city":"Paris"}', 6)).toEqual(['{"city', '":"Par', 'is"}']);
    expect(chunkText('', 6)).toEqual(['']);
  });

  it('writes canonical JSON whatever the key order', () => {
    expect(canonicalJson({ b: 1, a: [{ d: 2, c: 3 }] })).toBe(canonicalJson({ a: [{ c: 3, d: 2 }], b: 1 }));
    expect(canonicalJson({ b: 1, a: 2 })).toBe('{"a":2,"b":1}');
  });
});
