import { describe, expect, it } from 'vitest';
import { inspectCredential, MAX_CREDENTIAL_LENGTH, readCredential } from './read-credential.js';

describe('readCredential', () => {
  it('reads x-api-key first, then a Bearer token (any case)', () => {
    expect(readCredential({ 'x-api-key': 'a', authorization: 'Bearer b' })).toBe('a');
    expect(readCredential({ authorization: 'bearer  b ' })).toBe('b');
    expect(readCredential({ authorization: 'Basic xyz' })).toBeUndefined();
    expect(readCredential({})).toBeUndefined();
  });
});

describe('inspectCredential', () => {
  it('tells a missing credential from a malformed one', () => {
    expect(inspectCredential({})).toEqual({ type: 'missing' });
    expect(inspectCredential({ authorization: '   ' })).toEqual({ type: 'missing' });
    for (const authorization of [
      'Basic dXNlcjpwYXNz',
      'Bearer',
      'Bearer a b',
      'Bearer\u0000',
      'sk-sb-no-scheme',
    ]) {
      expect(inspectCredential({ authorization })).toMatchObject({ type: 'malformed' });
    }
    expect(inspectCredential({ 'x-api-key': 'a b' })).toMatchObject({ type: 'malformed' });
  });

  it('refuses credentials over the length limit', () => {
    const long = 'k'.repeat(MAX_CREDENTIAL_LENGTH + 1);
    expect(inspectCredential({ 'x-api-key': long })).toMatchObject({ type: 'malformed' });
    expect(inspectCredential({ authorization: `Bearer ${long}` })).toMatchObject({ type: 'malformed' });
    expect(inspectCredential({ authorization: `Bearer ${'k'.repeat(1_000_000)}` })).toMatchObject({
      type: 'malformed',
    });
  });
});
