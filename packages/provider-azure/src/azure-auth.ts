import { UpstreamCallError } from '@signalbox/core';

/**
 * The headers that authenticate an Azure OpenAI call: an API key (the call's own, BYOK, or the
 * configured one) as `api-key`; otherwise a Microsoft Entra ID token from `getToken` as
 * `Authorization: Bearer`. A token provider that fails (no managed identity, an expired login)
 * is the operator's problem, like a rejected key: a non-retryable 502
 * `upstream_authentication_failed` naming the provider.
 */
export function createAzureAuthHeaders(options: {
  provider: string;
  url: string;
  getToken: (() => string | Promise<string>) | undefined;
}): (apiKey: string | undefined) => Promise<Record<string, string>> {
  return async (apiKey): Promise<Record<string, string>> => {
    if (apiKey !== undefined) return { 'api-key': apiKey };
    if (options.getToken === undefined) return {};
    let token: string;
    try {
      token = await options.getToken();
      if (typeof token !== 'string' || token === '') throw new Error('the token provider returned no token');
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      throw new UpstreamCallError(
        `The gateway could not get a Microsoft Entra ID token for ${options.provider}: ${reason}. The gateway operator must check its Azure identity.`,
        {
          status: 502,
          type: 'upstream_error',
          code: 'upstream_authentication_failed',
          upstreamStatus: undefined,
          isRetryable: false,
          url: options.url,
          provider: options.provider,
          cause: error,
        },
      );
    }
    return { authorization: `Bearer ${token}` };
  };
}
