/** Longest credential header accepted; anything longer is refused without hashing it. */
export const MAX_CREDENTIAL_LENGTH = 512;

/**
 * The key a client presented: `Authorization: Bearer <key>` (OpenAI SDK, Anthropic SDK with
 * authToken) or `x-api-key: <key>` (Anthropic SDK). Undefined when neither is present.
 */
export function readCredential(headers: Record<string, string | undefined>): string | undefined {
  const apiKey = headers['x-api-key']?.trim();
  if (apiKey) return apiKey;
  const authorization = headers.authorization?.trim();
  if (!authorization) return undefined;
  const match = /^bearer\s+(.+)$/i.exec(authorization);
  return match?.[1]?.trim() || undefined;
}
