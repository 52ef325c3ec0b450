import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/** Issues and checks dashboard session tokens. */
export interface SessionTokens {
  /** A new token valid until `now + ttl`. */
  issue(): { token: string; expiresAt: number };
  /** Whether a token is genuine, unexpired and not signed out. */
  verify(token: string | undefined): boolean;
  /** Signs a token out (in this process) until it would have expired. */
  revoke(token: string): void;
}

/** Options of `createSessionTokens`. */
export interface SessionTokensOptions {
  /** The admin key: tokens are signed with a key derived from it (never the key itself). */
  adminKey: string;
  ttlMs: number;
  now?: () => number;
}

function mac(key: Buffer, payload: string): string {
  return createHmac('sha256', key).update(payload, 'utf8').digest('base64url');
}

/**
 * Stateless session tokens: `<expiry>.<nonce>.<HMAC>`, signed with a key derived from the admin
 * key, so every gateway process sharing the admin key accepts them and rotating the admin key
 * ends every session. The cookie holds this token, never the admin key. Sign-out is recorded in
 * this process (a revocation list pruned at expiry).
 */
export function createSessionTokens(options: SessionTokensOptions): SessionTokens {
  const key = createHmac('sha256', 'signalbox-dashboard-session-v1')
    .update(options.adminKey, 'utf8')
    .digest();
  const now = options.now ?? Date.now;
  const revoked = new Map<string, number>();

  function prune(): void {
    const current = now();
    for (const [token, expiresAt] of revoked) if (expiresAt <= current) revoked.delete(token);
  }

  function parse(token: string): { expiresAt: number; payload: string; signature: string } | undefined {
    const parts = token.split('.');
    if (parts.length !== 3) return undefined;
    const [expiry, nonce, signature] = parts as [string, string, string];
    if (!/^\d{1,15}$/.test(expiry) || !/^[A-Za-z0-9_-]{16,64}$/.test(nonce)) return undefined;
    return { expiresAt: Number(expiry), payload: `${expiry}.${nonce}`, signature };
  }

  return {
    issue() {
      const expiresAt = now() + options.ttlMs;
      const payload = `${expiresAt}.${randomBytes(18).toString('base64url')}`;
      return { token: `${payload}.${mac(key, payload)}`, expiresAt };
    },
    verify(token) {
      if (token === undefined || token.length > 200) return false;
      const parsed = parse(token);
      if (!parsed || parsed.expiresAt <= now()) return false;
      const expected = Buffer.from(mac(key, parsed.payload), 'utf8');
      const actual = Buffer.from(parsed.signature, 'utf8');
      if (expected.length !== actual.length || !timingSafeEqual(expected, actual)) return false;
      return !revoked.has(token);
    },
    revoke(token) {
      const parsed = parse(token);
      if (!parsed) return;
      prune();
      revoked.set(token, parsed.expiresAt);
    },
  };
}
