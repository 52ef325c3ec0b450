import { describe, expect, it } from 'vitest';
import { googleOptionKeys, signatureOptions, thoughtSignatureOf } from './google-part-options.js';

describe('google part options', () => {
  it('looks under the provider name, then google and vertex', () => {
    expect(googleOptionKeys('google')).toEqual(['google', 'vertex']);
    expect(googleOptionKeys('gemini-eu')).toEqual(['gemini-eu', 'google', 'vertex']);
  });

  it('reads and writes the thought signature', () => {
    expect(thoughtSignatureOf(signatureOptions('sig', 'vertex'), 'vertex')).toBe('sig');
    expect(thoughtSignatureOf({ google: { thoughtSignature: 'g' } }, 'mine')).toBe('g');
    expect(thoughtSignatureOf({ anthropic: { thoughtSignature: 'a' } }, 'google')).toBeUndefined();
    expect(thoughtSignatureOf(undefined, 'google')).toBeUndefined();
    expect(signatureOptions(undefined, 'google')).toBeUndefined();
  });
});
