import { describe, expect, it } from 'vitest';
import { createSessionTokens } from './session-tokens.js';

const ADMIN = 'admin-key-0123456789abcdef';

describe('session tokens', () => {
  it('issues tokens that verify until they expire, and never contain the admin key', () => {
    let now = 1_000_000;
    const tokens = createSessionTokens({ adminKey: ADMIN, ttlMs: 60_000, now: () => now });
    const { token, expiresAt } = tokens.issue();
    expect(expiresAt).toBe(1_060_000);
    expect(token).not.toContain(ADMIN);
    expect(tokens.verify(token)).toBe(true);
    now = 1_060_000;
    expect(tokens.verify(token)).toBe(false);
  });

  it('refuses forged, altered or other-key tokens', () => {
    const tokens = createSessionTokens({ adminKey: ADMIN, ttlMs: 60_000 });
    const { token } = tokens.issue();
    const [expiry, nonce, signature] = token.split('.') as [string, string, string];
    expect(tokens.verify(`${Number(expiry) + 1000}.${nonce}.${signature}`)).toBe(false);
    expect(tokens.verify(`${expiry}.${nonce}.${signature.slice(1)}x`)).toBe(false);
    expect(tokens.verify('nonsense')).toBe(false);
    expect(tokens.verify(undefined)).toBe(false);
    const other = createSessionTokens({ adminKey: 'another-admin-key-0123456789', ttlMs: 60_000 });
    expect(other.verify(token)).toBe(false);
    const sibling = createSessionTokens({ adminKey: ADMIN, ttlMs: 60_000 });
    expect(sibling.verify(token)).toBe(true);
  });

  it('signs out a token', () => {
    const tokens = createSessionTokens({ adminKey: ADMIN, ttlMs: 60_000 });
    const { token } = tokens.issue();
    tokens.revoke(token);
    expect(tokens.verify(token)).toBe(false);
    expect(tokens.verify(tokens.issue().token)).toBe(true);
  });
});
