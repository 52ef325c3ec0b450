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

describe('presentedKey (the parser behind both, without a regex match)', () => {
  // The definition the hand-written parser replaced.
  const BEARER = /^bearer[ \t]+([^\s]+)$/i;
  function reference(authorization: string): string | undefined {
    const trimmed = authorization.trim();
    if (!trimmed || trimmed.length > MAX_CREDENTIAL_LENGTH + 7) return undefined;
    return BEARER.exec(trimmed)?.[1];
  }

  it('reads a Bearer header exactly as /^bearer[ \\t]+([^\\s]+)$/i does', () => {
    const schemes = [
      'Bearer',
      'bearer',
      'BEARER',
      'BeArEr',
      'Bearer:',
      'Bearerx',
      'Beare',
      'bearer\u00a0',
      'Basic',
    ];
    const gaps = ['', ' ', '\t', '  \t ', '\u00a0', '\n', ' \u2003'];
    const keys = [
      'k',
      'sk-sb-abc',
      'a b',
      'a\tb',
      'a\u00a0b',
      'ключ',
      '',
      'x'.repeat(600),
      ' lead',
      'trail ',
    ];
    let cases = 0;
    for (const scheme of schemes) {
      for (const gap of gaps) {
        for (const key of keys) {
          for (const pad of ['', ' ', '\t\n']) {
            const authorization = `${pad}${scheme}${gap}${key}${pad}`;
            const expected = reference(authorization);
            const credential = inspectCredential({ authorization });
            if (expected === undefined) expect(credential.type, authorization).not.toBe('key');
            else expect(credential, authorization).toEqual({ type: 'key', key: expected });
            cases += 1;
          }
        }
      }
    }
    expect(cases).toBeGreaterThan(1000);
  });

  it('keeps the malformed and missing answers and their reasons', () => {
    expect(inspectCredential({ authorization: 'Bearer a b' })).toEqual({
      type: 'malformed',
      reason: "Malformed Authorization header: expected 'Bearer <key>'.",
    });
    expect(inspectCredential({ authorization: '\t' })).toEqual({ type: 'missing' });
    expect(inspectCredential({ 'x-api-key': '  k1  ', authorization: 'Bearer k2' })).toEqual({
      type: 'key',
      key: 'k1',
    });
  });
});
