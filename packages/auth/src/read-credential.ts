/** Longest credential accepted; anything longer is refused without hashing it. */
export const MAX_CREDENTIAL_LENGTH = 512;

/** What a request presented as its credential. */
export type PresentedCredential =
  | { type: 'key'; key: string }
  | { type: 'missing' }
  | { type: 'malformed'; reason: string };

const BEARER = /^bearer[ \t]+([^\s]+)$/i;

/**
 * Reads the credential: `x-api-key: <key>` (Anthropic SDK) first, then
 * `Authorization: Bearer <key>` (OpenAI SDK, Anthropic SDK with `authToken`). Another scheme, an
 * empty or spaced token, or a credential over {@link MAX_CREDENTIAL_LENGTH} is `malformed`.
 */
export function inspectCredential(headers: Record<string, string | undefined>): PresentedCredential {
  const apiKey = headers['x-api-key']?.trim();
  if (apiKey) {
    if (apiKey.length > MAX_CREDENTIAL_LENGTH)
      return { type: 'malformed', reason: 'The API key is too long.' };
    if (/\s/.test(apiKey))
      return { type: 'malformed', reason: 'Malformed x-api-key header: a key has no spaces.' };
    return { type: 'key', key: apiKey };
  }
  const authorization = headers.authorization?.trim();
  if (!authorization) return { type: 'missing' };
  if (authorization.length > MAX_CREDENTIAL_LENGTH + 7) {
    return { type: 'malformed', reason: 'The Authorization header is too long.' };
  }
  const match = BEARER.exec(authorization);
  if (!match?.[1]) {
    return { type: 'malformed', reason: "Malformed Authorization header: expected 'Bearer <key>'." };
  }
  return { type: 'key', key: match[1] };
}

/** The key a client presented, or undefined when there is none or it is malformed. */
export function readCredential(headers: Record<string, string | undefined>): string | undefined {
  const credential = inspectCredential(headers);
  return credential.type === 'key' ? credential.key : undefined;
}
