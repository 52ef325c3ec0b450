import { createHash } from 'node:crypto';
import { Sha256 } from '@aws-crypto/sha256-js';
import { SignatureV4 } from '@smithy/signature-v4';
import type { BedrockCredentials } from './bedrock-credentials.js';

/** A request to sign: its URL, method, headers (lower-case names) and body text. */
export interface RequestToSign {
  url: string;
  method: 'GET' | 'POST';
  headers: Record<string, string>;
  body: string;
}

/** Options of {@link signBedrockRequest}. */
export interface SigningOptions {
  region: string;
  credentials: BedrockCredentials;
  /** The SigV4 service name; default `bedrock`. */
  service?: string;
  /** The signing time; default now. */
  signingDate?: Date;
}

/**
 * Signs a request with AWS Signature Version 4 (`@smithy/signature-v4` with the `Sha256` of
 * `@aws-crypto/sha256-js`, service `bedrock`), as the AWS SDK does: it adds `x-amz-date`,
 * `x-amz-content-sha256` (hashed with `node:crypto`, so large bodies are not hashed in
 * JavaScript), `x-amz-security-token` for temporary credentials, and `authorization`
 * (`AWS4-HMAC-SHA256 Credential=..., SignedHeaders=..., Signature=...`), with every given header
 * and `host` signed. Returns the headers to send (without `host`, which the HTTP client sets to
 * the same value).
 */
export async function signBedrockRequest(
  request: RequestToSign,
  options: SigningOptions,
): Promise<Record<string, string>> {
  const url = new URL(request.url);
  const signer = new SignatureV4({
    service: options.service ?? 'bedrock',
    region: options.region,
    credentials: options.credentials,
    sha256: Sha256,
  });
  const query: Record<string, string> = {};
  for (const [key, value] of url.searchParams) query[key] = value;
  const signed = await signer.sign(
    {
      method: request.method,
      protocol: url.protocol,
      hostname: url.hostname,
      ...(url.port !== '' && { port: Number(url.port) }),
      path: url.pathname,
      query,
      headers: {
        ...request.headers,
        host: url.host,
        'x-amz-content-sha256': createHash('sha256').update(request.body).digest('hex'),
      },
      body: request.body,
    },
    { signingDate: options.signingDate ?? new Date() },
  );
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(signed.headers))
    if (name !== 'host') headers[name] = String(value);
  return headers;
}
