import { describe, expect, it } from 'vitest';
import { parseCookies, serializeSessionCookie } from './cookies.js';

describe('cookies', () => {
  it('parses a Cookie header', () => {
    expect(parseCookies('a=1; b="two"; c=%E2%9C%93; a=9; broken; =x')).toEqual({ a: '1', b: 'two', c: '✓' });
    expect(parseCookies(undefined)).toEqual({});
  });

  it('serializes HttpOnly, SameSite=Strict session cookies', () => {
    expect(serializeSessionCookie('s', 'v.1', { path: '/dashboard', maxAgeSeconds: 60, secure: true })).toBe(
      's=v.1; Path=/dashboard; Max-Age=60; HttpOnly; SameSite=Strict; Secure',
    );
    expect(serializeSessionCookie('s', '', { path: '/', maxAgeSeconds: -5, secure: false })).toBe(
      's=; Path=/; Max-Age=0; HttpOnly; SameSite=Strict',
    );
  });
});
