import { describe, expect, it } from 'vitest';
import { describeValue, quotedList } from './wording.js';

describe('wording', () => {
  it('lists values the OpenAI way and the pydantic way', () => {
    expect(quotedList(['a', 'b', 'c'], 'and', true)).toBe("'a', 'b', and 'c'");
    expect(quotedList(['a', 'b'], 'and', true)).toBe("'a' and 'b'");
    expect(quotedList(['a', 'b', 'c'], 'or', false)).toBe("'a', 'b' or 'c'");
    expect(quotedList(['a'], 'or', false)).toBe("'a'");
  });

  it('describes JSON values', () => {
    expect([1, 1.5, 'x', true, null, [], {}].map(describeValue)).toEqual([
      'an integer',
      'a decimal',
      'a string',
      'a boolean',
      'null',
      'an array',
      'an object',
    ]);
  });
});
