import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import type { BedrockCredentials } from './bedrock-credentials.js';

/** What a fake AWS endpoint accepts: the credentials, region and service requests must be signed for. */
export interface SigV4Expectation {
  credentials: Pick<BedrockCredentials, 'accessKeyId' | 'secretAccessKey' | 'sessionToken'>;
  region: string;
  service: string;
  /** Milliseconds; default `Date.now()`. A signature more than 5 minutes off is expired. */
  now?: number;
}

/** A received request: method, raw path with query, lower-case headers, body text. */
export interface ReceivedSignedRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  body: string;
}

/** Why AWS would reject the request: its status, exception name and message. */
export interface SigV4Failure {
  status: number;
  type: string;
  message: string;
}

const authPattern =
  /^AWS4-HMAC-SHA256 Credential=([^/,\s]+)\/(\d{8})\/([^/,\s]+)\/([^/,\s]+)\/aws4_request,\s*SignedHeaders=([a-z0-9;-]+),\s*Signature=([0-9a-f]{64})$/;

const mismatch =
  'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.';

/** RFC 3986 percent-encoding, as SigV4 wants it (only `A-Za-z0-9-._~` left as is). */
function uriEncode(value: string): string {
  return encodeURIComponent(value).replace(
    /[!'()*]/g,
    (char) => `%${char.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

function sha256Hex(value: string): string {
  return createHash('sha256').update(value, 'utf8').digest('hex');
}

function hmac(key: Buffer | string, value: string): Buffer {
  return createHmac('sha256', key).update(value, 'utf8').digest();
}

/** The canonical URI of a non-S3 service: the normalised path, each segment encoded once more. */
function canonicalUri(path: string): string {
  const segments: string[] = [];
  for (const segment of path.split('/')) {
    if (segment === '' || segment === '.') continue;
    if (segment === '..') segments.pop();
    else segments.push(uriEncode(segment));
  }
  return `/${segments.join('/')}${segments.length > 0 && path.endsWith('/') ? '/' : ''}`;
}

function canonicalQuery(query: string): string {
  const pairs = new URLSearchParams(query);
  return [...pairs]
    .map(([key, value]) => [uriEncode(key), uriEncode(value)] as const)
    .sort(([a, x], [b, y]) => (a === b ? (x < y ? -1 : 1) : a < b ? -1 : 1))
    .map(([key, value]) => `${key}=${value}`)
    .join('&');
}

function amzDateMillis(value: string): number | undefined {
  const match = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(value);
  if (!match) return undefined;
  const [, year, month, day, hour, minute, second] = match.map(Number);
  return Date.UTC(year ?? 0, (month ?? 1) - 1, day, hour, minute, second);
}

/**
 * Verifies an AWS Signature Version 4 `Authorization` header the way AWS does, written from the
 * specification with `node:crypto` (independently of the signer the adapter uses): the header's
 * shape, the access key, the credential scope (date, region, service), `x-amz-date` within 5
 * minutes, the session token, `x-amz-content-sha256` against the body, then the signature
 * itself over the canonical request. Returns undefined when the request is correctly signed,
 * else the failure AWS would answer (403 `InvalidSignatureException`...).
 */
export function verifySigV4(
  request: ReceivedSignedRequest,
  expected: SigV4Expectation,
): SigV4Failure | undefined {
  const { headers } = request;
  const authorization = headers.authorization;
  if (!authorization)
    return {
      status: 403,
      type: 'MissingAuthenticationTokenException',
      message: 'Missing Authentication Token',
    };
  const match = authPattern.exec(authorization);
  if (!match)
    return {
      status: 403,
      type: 'IncompleteSignatureException',
      message: `Authorization header requires 'Credential', 'Signature' and 'SignedHeaders' parameters. Authorization=${authorization.split(' ')[0]}`,
    };
  const [, accessKeyId = '', date = '', region = '', service = '', signedList = '', signature = ''] = match;
  if (accessKeyId !== expected.credentials.accessKeyId)
    return {
      status: 403,
      type: 'UnrecognizedClientException',
      message: 'The security token included in the request is invalid.',
    };
  if (region !== expected.region)
    return {
      status: 403,
      type: 'InvalidSignatureException',
      message: `Credential should be scoped to a valid region, not '${region}'.`,
    };
  if (service !== expected.service)
    return {
      status: 403,
      type: 'InvalidSignatureException',
      message: `Credential should be scoped to correct service: '${expected.service}'.`,
    };
  const amzDate = headers['x-amz-date'] ?? '';
  const signedAt = amzDateMillis(amzDate);
  if (signedAt === undefined || !amzDate.startsWith(date))
    return {
      status: 403,
      type: 'IncompleteSignatureException',
      message: 'Date must be in ISO-8601 basic format and match the credential scope.',
    };
  const now = expected.now ?? Date.now();
  if (Math.abs(now - signedAt) > 5 * 60_000)
    return {
      status: 403,
      type: 'InvalidSignatureException',
      message: `Signature expired: ${amzDate} is now outside the 5 minute window.`,
    };
  const signed = signedList.split(';');
  if (
    !signed.includes('host') ||
    !signed.includes('x-amz-date') ||
    [...signed].sort().join(';') !== signedList
  )
    return {
      status: 403,
      type: 'InvalidSignatureException',
      message: "'Host' and 'X-Amz-Date' must be signed, in sorted order.",
    };
  if ((headers['x-amz-security-token'] ?? undefined) !== expected.credentials.sessionToken)
    return {
      status: 403,
      type: 'UnrecognizedClientException',
      message: 'The security token included in the request is invalid.',
    };
  if (expected.credentials.sessionToken !== undefined && !signed.includes('x-amz-security-token'))
    return {
      status: 403,
      type: 'InvalidSignatureException',
      message: "'X-Amz-Security-Token' must be signed.",
    };
  const bodyHash = sha256Hex(request.body);
  const declared = headers['x-amz-content-sha256'];
  if (declared !== undefined && declared !== bodyHash && declared !== 'UNSIGNED-PAYLOAD')
    return {
      status: 400,
      type: 'XAmzContentSHA256Mismatch',
      message: "The provided 'x-amz-content-sha256' header does not match what was computed.",
    };
  const canonicalHeaders: string[] = [];
  for (const name of signed) {
    const value = headers[name];
    if (value === undefined)
      return {
        status: 403,
        type: 'InvalidSignatureException',
        message: `Signed header '${name}' is missing from the request.`,
      };
    canonicalHeaders.push(`${name}:${value.trim().replace(/\s+/g, ' ')}\n`);
  }
  const [path = '/', query = ''] = request.path.split('?');
  const canonicalRequest = [
    request.method.toUpperCase(),
    canonicalUri(path),
    canonicalQuery(query),
    canonicalHeaders.join(''),
    signedList,
    declared ?? bodyHash,
  ].join('\n');
  const scope = `${date}/${region}/${service}/aws4_request`;
  const stringToSign = ['AWS4-HMAC-SHA256', amzDate, scope, sha256Hex(canonicalRequest)].join('\n');
  let key = hmac(`AWS4${expected.credentials.secretAccessKey}`, date);
  for (const part of [region, service, 'aws4_request']) key = hmac(key, part);
  const computed = hmac(key, stringToSign);
  const given = Buffer.from(signature, 'hex');
  if (given.length !== computed.length || !timingSafeEqual(given, computed))
    return { status: 403, type: 'InvalidSignatureException', message: mismatch };
  return undefined;
}
