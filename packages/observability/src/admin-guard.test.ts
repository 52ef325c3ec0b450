import { describe, expect, it } from 'vitest';
import { bearerToken, createAdminGuard } from './admin-guard.js';

const ADMIN = 'admin-key-0123456789abcdef';

describe('createAdminGuard', () => {
  const guard = createAdminGuard(ADMIN);

  it('accepts the admin key as a bearer token only', () => {
    expect(guard.check({ authorization: `Bearer ${ADMIN}` })).toBe('ok');
    expect(guard.check({ authorization: `bearer ${ADMIN}` })).toBe('ok');
    expect(guard.check({})).toBe('missing');
    expect(guard.check({ authorization: 'Bearer sk-sb-some-gateway-key' })).toBe('invalid');
    expect(guard.check({ authorization: ADMIN })).toBe('missing');
    expect(guard.matches(ADMIN)).toBe(true);
    expect(guard.matches(undefined)).toBe(false);
  });

  it('throws 401 GatewayErrors from assert', () => {
    expect(() => guard.assert({})).toThrow(
      expect.objectContaining({ status: 401, code: 'invalid_admin_key' }),
    );
    expect(() => guard.assert({ authorization: 'Bearer nope' })).toThrow(/Invalid admin key/);
    expect(() => guard.assert({ authorization: `Bearer ${ADMIN}` })).not.toThrow();
  });

  it('refuses a short admin key at construction', () => {
    expect(() => createAdminGuard('short')).toThrow(TypeError);
  });

  it('reads bearer tokens', () => {
    expect(bearerToken({ authorization: ['Bearer one', 'Bearer two'] })).toBe('one');
    expect(bearerToken({ authorization: 'Basic abc' })).toBeUndefined();
  });
});
