/** Longest credential accepted; anything longer is refused without hashing it. */
export const MAX_CREDENTIAL_LENGTH = 512;

/** What a request presented as its credential. */
export type PresentedCredential =
  | { type: 'key'; key: string }
  | { type: 'missing' }
  | { type: 'malformed'; reason: string };

/** A credential that is not a key: why there is none. */
export type RefusedCredential = Exclude<PresentedCredential, { type: 'key' }>;

const WHITESPACE = /\s/;
const SCHEME = 'bearer';

/** Whether `text` starts with `bearer` in any case (ASCII letters only, as the `/i` regex did). */
function startsWithBearer(text: string): boolean {
  for (let index = 0; index < SCHEME.length; index += 1) {
    // `| 0x20` lower-cases an ASCII letter; only `B`/`b` (etc.) map to the lower-case letter.
    if ((text.charCodeAt(index) | 0x20) !== SCHEME.charCodeAt(index)) return false;
  }
  return true;
}

function malformedBearer(): RefusedCredential {
  return { type: 'malformed', reason: "Malformed Authorization header: expected 'Bearer <key>'." };
}

/**
 * The presented key as a string, or why there is none: {@link inspectCredential} without the
 * wrapper object (and without a regex match) on the accepted path, for the auth middleware.
 */
export function presentedKey(headers: Record<string, string | undefined>): string | RefusedCredential {
  const apiKey = headers['x-api-key']?.trim();
  if (apiKey) {
    if (apiKey.length > MAX_CREDENTIAL_LENGTH)
      return { type: 'malformed', reason: 'The API key is too long.' };
    if (WHITESPACE.test(apiKey))
      return { type: 'malformed', reason: 'Malformed x-api-key header: a key has no spaces.' };
    return apiKey;
  }
  const authorization = headers.authorization?.trim();
  if (!authorization) return { type: 'missing' };
  if (authorization.length > MAX_CREDENTIAL_LENGTH + 7) {
    return { type: 'malformed', reason: 'The Authorization header is too long.' };
  }
  // `^bearer[ \t]+([^\s]+)$` (case-insensitive), read by hand: no match array per request.
  if (!startsWithBearer(authorization)) return malformedBearer();
  let start = SCHEME.length;
  for (let code = authorization.charCodeAt(start); code === 0x20 || code === 0x09; ) {
    start += 1;
    code = authorization.charCodeAt(start);
  }
  if (start === SCHEME.length || start === authorization.length) return malformedBearer();
  const key = authorization.slice(start);
  return WHITESPACE.test(key) ? malformedBearer() : key;
}

/**
 * Reads the credential: `x-api-key: <key>` (Anthropic SDK) first, then
 * `Authorization: Bearer <key>` (OpenAI SDK, Anthropic SDK with `authToken`). Another scheme, an
 * empty or spaced token, or a credential over {@link MAX_CREDENTIAL_LENGTH} is `malformed`.
 */
export function inspectCredential(headers: Record<string, string | undefined>): PresentedCredential {
  const presented = presentedKey(headers);
  return typeof presented === 'string' ? { type: 'key', key: presented } : presented;
}

/** The key a client presented, or undefined when there is none or it is malformed. */
export function readCredential(headers: Record<string, string | undefined>): string | undefined {
  const presented = presentedKey(headers);
  return typeof presented === 'string' ? presented : undefined;
}
