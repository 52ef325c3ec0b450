import { createSign } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { checkAssertion, createFakeServiceAccount, GOOGLE_TOKEN_AUDIENCE } from './fake-google-oauth.js';

const account = createFakeServiceAccount('http://127.0.0.1:1/token', 'demo');

function sign(claims: Record<string, unknown>, key = account.credentials.private_key): string {
  const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const unsigned = `${encode({ alg: 'RS256', typ: 'JWT' })}.${encode(claims)}`;
  const signer = createSign('RSA-SHA256');
  signer.update(unsigned);
  return `${unsigned}.${signer.sign(key, 'base64url')}`;
}

const now = Math.floor(Date.now() / 1000);
const valid = {
  iss: account.credentials.client_email,
  aud: GOOGLE_TOKEN_AUDIENCE,
  scope: 'https://www.googleapis.com/auth/cloud-platform',
  iat: now,
  exp: now + 3600,
};

describe('fake OAuth', () => {
  it('makes a key shaped like Google Cloud’s', () => {
    expect(account.credentials).toMatchObject({
      type: 'service_account',
      project_id: 'demo',
      client_email: 'signalbox@demo.iam.gserviceaccount.com',
      token_uri: 'http://127.0.0.1:1/token',
    });
    expect(account.credentials.private_key).toMatch(/^-----BEGIN PRIVATE KEY-----/);
  });

  it('accepts a correctly signed assertion and refuses the rest', () => {
    expect(checkAssertion(sign(valid), account)).toEqual({ scope: valid.scope });
    const other = createFakeServiceAccount('http://x/token');
    expect(checkAssertion(sign(valid, other.credentials.private_key), account)).toMatchObject({
      description: 'Invalid JWT Signature.',
    });
    expect(checkAssertion(sign({ ...valid, iss: 'x' }), account)).toMatchObject({ error: 'invalid_grant' });
    expect(checkAssertion(sign({ ...valid, exp: now - 10 }), account)).toMatchObject({
      error: 'invalid_grant',
    });
    expect(checkAssertion(sign({ ...valid, scope: '' }), account)).toMatchObject({ error: 'invalid_scope' });
    expect(checkAssertion('garbage', account)).toMatchObject({ error: 'invalid_grant' });
  });
});
