import { describe, expect, it } from 'vitest';
import { verifySigV4 } from './fake-bedrock-sigv4.js';
import { signBedrockRequest } from './sign-bedrock-request.js';

const credentials = {
  accessKeyId: 'AKIDEXAMPLE',
  secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY',
};

describe('verifySigV4', () => {
  it("accepts the AWS SigV4 test suite's get-vanilla request", () => {
    const failure = verifySigV4(
      {
        method: 'GET',
        path: '/',
        headers: {
          host: 'example.amazonaws.com',
          'x-amz-date': '20150830T123600Z',
          authorization:
            'AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, SignedHeaders=host;x-amz-date, Signature=5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31',
        },
        body: '',
      },
      { credentials, region: 'us-east-1', service: 'service', now: Date.UTC(2015, 7, 30, 12, 36) },
    );
    expect(failure).toBeUndefined();
  });

  describe('against the adapter signer (@smithy/signature-v4)', () => {
    const url = 'http://127.0.0.1:4010/model/us.anthropic.claude-haiku-4-5-20251001-v1%3A0/converse';
    const body = '{"messages":[{"role":"user","content":[{"text":"hi"}]}]}';
    const signedAt = new Date('2025-06-01T10:00:00Z');
    const expectation = {
      credentials,
      region: 'us-east-1',
      service: 'bedrock',
      now: signedAt.getTime() + 1000,
    };
    const receive = async (change: (headers: Record<string, string>) => void = () => {}, sentBody = body) => {
      const headers = await signBedrockRequest(
        { url, method: 'POST', headers: { 'content-type': 'application/json' }, body },
        { region: 'us-east-1', credentials, signingDate: signedAt },
      );
      const received = { ...headers, host: '127.0.0.1:4010' };
      change(received);
      return verifySigV4(
        { method: 'POST', path: new URL(url).pathname, headers: received, body: sentBody },
        expectation,
      );
    };

    it('accepts a correctly signed request (an encoded model id in the path)', async () => {
      expect(await receive()).toBeUndefined();
    });

    it('rejects a changed body, header or secret', async () => {
      expect((await receive(() => {}, '{"messages":[]}'))?.type).toBe('XAmzContentSHA256Mismatch');
      expect((await receive((headers) => (headers['content-type'] = 'text/plain')))?.type).toBe(
        'InvalidSignatureException',
      );
      expect(
        verifySigV4(
          { method: 'POST', path: new URL(url).pathname, headers: { authorization: 'Bearer x' }, body },
          expectation,
        )?.type,
      ).toBe('IncompleteSignatureException');
      const wrongSecret = { ...expectation, credentials: { ...credentials, secretAccessKey: 'other' } };
      const headers = await signBedrockRequest(
        { url, method: 'POST', headers: {}, body },
        { region: 'us-east-1', credentials, signingDate: signedAt },
      );
      expect(
        verifySigV4(
          {
            method: 'POST',
            path: new URL(url).pathname,
            headers: { ...headers, host: '127.0.0.1:4010' },
            body,
          },
          wrongSecret,
        ),
      ).toMatchObject({ status: 403, type: 'InvalidSignatureException' });
    });

    it('rejects an unknown key, a wrong scope and an expired signature', async () => {
      expect(
        await receive(
          (headers) =>
            (headers.authorization = headers.authorization?.replace('AKIDEXAMPLE', 'AKIDOTHER') ?? ''),
        ),
      ).toMatchObject({ type: 'UnrecognizedClientException' });
      expect(
        (
          await receive(
            (headers) => (headers.authorization = headers.authorization?.replace('/bedrock/', '/s3/') ?? ''),
          )
        )?.message,
      ).toContain("'bedrock'");
      const late = { ...expectation, now: signedAt.getTime() + 6 * 60_000 };
      const headers = await signBedrockRequest(
        { url, method: 'POST', headers: {}, body },
        { region: 'us-east-1', credentials, signingDate: signedAt },
      );
      expect(
        verifySigV4(
          {
            method: 'POST',
            path: new URL(url).pathname,
            headers: { ...headers, host: '127.0.0.1:4010' },
            body,
          },
          late,
        )?.message,
      ).toMatch(/Signature expired/);
      expect(await receive((headers) => delete headers.authorization)).toMatchObject({
        type: 'MissingAuthenticationTokenException',
      });
    });
  });
});
