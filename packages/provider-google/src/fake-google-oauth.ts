import { createVerify, generateKeyPairSync, type KeyObject } from 'node:crypto';
import type { ServiceAccountCredentials } from './vertex-options.js';

/** The audience google-auth-library signs service-account assertions for. */
export const GOOGLE_TOKEN_AUDIENCE = 'https://oauth2.googleapis.com/token';

/** A service account made up for tests: its JSON key and the public key that checks its signatures. */
export interface FakeServiceAccount {
  /** The JSON key, with `token_uri` pointing at the fake token endpoint. */
  credentials: ServiceAccountCredentials;
  publicKey: KeyObject;
}

/**
 * Makes a service account for tests: a fresh 2048-bit RSA key pair and a JSON key shaped like the
 * ones Google Cloud issues (`type: service_account`, `client_email`, `private_key` in PKCS #8
 * PEM), whose `token_uri` is `tokenUri` (a fake token endpoint), so no request leaves the machine.
 */
export function createFakeServiceAccount(tokenUri: string, project = 'signalbox-test'): FakeServiceAccount {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const credentials: ServiceAccountCredentials = {
    type: 'service_account',
    project_id: project,
    private_key_id: 'fake0000000000000000000000000000000000key',
    private_key: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    client_email: `signalbox@${project}.iam.gserviceaccount.com`,
    client_id: '100000000000000000001',
    auth_uri: 'https://accounts.google.com/o/oauth2/auth',
    token_uri: tokenUri,
    universe_domain: 'googleapis.com',
  };
  return { credentials, publicKey };
}

function base64UrlJson(segment: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(Buffer.from(segment, 'base64url').toString('utf8'));
    return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/** What a token endpoint makes of a JWT-bearer assertion. */
export type AssertionCheck = { scope: string } | { error: string; description: string };

/**
 * Checks a service-account JWT assertion as Google's token endpoint does: an RS256 signature by
 * the account's key, `iss` the account's email, the token endpoint as audience, not expired,
 * and a scope.
 */
export function checkAssertion(
  assertion: string,
  account: FakeServiceAccount,
  now = Date.now(),
): AssertionCheck {
  const [header, payload, signature] = assertion.split('.');
  const head = header === undefined ? undefined : base64UrlJson(header);
  const claims = payload === undefined ? undefined : base64UrlJson(payload);
  if (!head || !claims || signature === undefined)
    return {
      error: 'invalid_grant',
      description: 'Invalid JWT: Token must be a short-lived token and in a reasonable timeframe',
    };
  const verifier = createVerify('RSA-SHA256');
  verifier.update(`${header}.${payload}`);
  if (head.alg !== 'RS256' || !verifier.verify(account.publicKey, Buffer.from(signature, 'base64url')))
    return { error: 'invalid_grant', description: 'Invalid JWT Signature.' };
  if (claims.iss !== account.credentials.client_email)
    return { error: 'invalid_grant', description: 'Invalid grant: account not found' };
  if (claims.aud !== GOOGLE_TOKEN_AUDIENCE)
    return { error: 'invalid_grant', description: `Invalid JWT: audience must be ${GOOGLE_TOKEN_AUDIENCE}` };
  if (typeof claims.exp !== 'number' || claims.exp * 1000 < now)
    return {
      error: 'invalid_grant',
      description: 'Invalid JWT: Token must be a short-lived token and in a reasonable timeframe',
    };
  if (typeof claims.scope !== 'string' || claims.scope === '')
    return { error: 'invalid_scope', description: 'Invalid OAuth scope or ID token audience provided.' };
  return { scope: claims.scope };
}
