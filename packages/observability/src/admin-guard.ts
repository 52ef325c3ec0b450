import { createHash, timingSafeEqual } from 'node:crypto';
import { GatewayError } from '@signalbox/core';

/** How a request's credential compares to the admin key. */
export type AdminCheck = 'ok' | 'missing' | 'invalid';

/** Checks the admin key in constant time; keeps only its SHA-256 digest. */
export interface AdminGuard {
  /** Compares a presented secret with the admin key. */
  matches(secret: string | undefined): boolean;
  /** Checks `Authorization: Bearer <admin key>` in lower-cased request headers. */
  check(headers: Record<string, string | string[] | undefined>): AdminCheck;
  /** Like `check`, throwing a 401 `GatewayError` unless it is the admin key. */
  assert(headers: Record<string, string | string[] | undefined>): void;
}

function digest(text: string): Buffer {
  return createHash('sha256').update(text, 'utf8').digest();
}

/** The bearer token of an `Authorization` header, if any. */
export function bearerToken(headers: Record<string, string | string[] | undefined>): string | undefined {
  const raw = headers.authorization;
  const value = Array.isArray(raw) ? raw[0] : raw;
  const match = value === undefined ? null : /^Bearer\s+(\S+)\s*$/i.exec(value);
  return match?.[1];
}

/**
 * A guard for the admin key (`SIGNALBOX_ADMIN_KEY`): admin JSON routes, `/metrics`, the
 * dashboard. Any other credential, a gateway key included, is refused. Throws a `TypeError`
 * at construction when the key is shorter than 16 characters.
 */
export function createAdminGuard(adminKey: string): AdminGuard {
  if (typeof adminKey !== 'string' || adminKey.length < 16) {
    throw new TypeError('The admin key must be a string of at least 16 characters');
  }
  const expected = digest(adminKey);
  const matches = (secret: string | undefined) =>
    secret !== undefined && timingSafeEqual(digest(secret), expected);
  return {
    matches,
    check(headers) {
      const token = bearerToken(headers);
      if (token === undefined) return 'missing';
      return matches(token) ? 'ok' : 'invalid';
    },
    assert(headers) {
      const result = this.check(headers);
      if (result === 'ok') return;
      throw new GatewayError(
        result === 'missing'
          ? "This route needs the admin key: send 'Authorization: Bearer <admin key>'."
          : 'Invalid admin key (a gateway API key does not open admin routes).',
        { status: 401, code: 'invalid_admin_key' },
      );
    },
  };
}
