import { describe, expect, it } from 'vitest';
import { signBedrockRequest } from './sign-bedrock-request.js';

// The example request of the AWS SigV4 documentation's test suite ("post-vanilla"), signed for
// a known date with the documented example credentials.
const credentials = {
  accessKeyId: 'AKIDEXAMPLE',
  secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY',
};

describe('signBedrockRequest', () => {
  it('adds the SigV4 headers with the bedrock scope', async () => {
    const headers = await signBedrockRequest(
      {
        url: 'https://bedrock-runtime.us-east-1.amazonaws.com/model/anthropic.claude-3-haiku-20240307-v1%3A0/converse',
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json' },
        body: '{"messages":[]}',
      },
      { region: 'us-east-1', credentials, signingDate: new Date('2025-01-02T03:04:05Z') },
    );
    expect(headers['x-amz-date']).toBe('20250102T030405Z');
    expect(headers['x-amz-content-sha256']).toMatch(/^[0-9a-f]{64}$/);
    expect(headers.host).toBeUndefined();
    expect(headers.authorization).toMatch(
      /^AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE\/20250102\/us-east-1\/bedrock\/aws4_request, SignedHeaders=accept;content-type;host;x-amz-content-sha256;x-amz-date, Signature=[0-9a-f]{64}$/,
    );
  });

  it('is deterministic for the same input and changes with the body', async () => {
    const sign = (body: string) =>
      signBedrockRequest(
        { url: 'http://127.0.0.1:9/model/m/converse', method: 'POST', headers: {}, body },
        { region: 'eu-west-1', credentials, signingDate: new Date('2025-01-02T03:04:05Z') },
      );
    expect((await sign('{}')).authorization).toBe((await sign('{}')).authorization);
    expect((await sign('{}')).authorization).not.toBe((await sign('{"a":1}')).authorization);
  });

  it('signs the session token of temporary credentials', async () => {
    const headers = await signBedrockRequest(
      {
        url: 'https://bedrock-runtime.us-west-2.amazonaws.com/model/m/converse',
        method: 'POST',
        headers: {},
        body: '{}',
      },
      { region: 'us-west-2', credentials: { ...credentials, sessionToken: 'token-1' } },
    );
    expect(headers['x-amz-security-token']).toBe('token-1');
    expect(headers.authorization).toContain('x-amz-security-token');
  });
});
