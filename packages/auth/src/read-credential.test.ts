import { describe, expect, it } from 'vitest';
import { readCredential } from './read-credential.js';

describe('readCredential', () => {
  it('reads x-api-key first, then a Bearer token (any case)', () => {
    expect(readCredential({ 'x-api-key': 'a', authorization: 'Bearer b' })).toBe('a');
    expect(readCredential({ authorization: 'bearer  b ' })).toBe('b');
    expect(readCredential({ authorization: 'Basic xyz' })).toBeUndefined();
    expect(readCredential({})).toBeUndefined();
  });
});
