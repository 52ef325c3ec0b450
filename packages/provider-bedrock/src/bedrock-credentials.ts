import { UpstreamCallError } from '@signalbox/core';

/** AWS credentials: an access key pair, with a session token for temporary ones. */
export interface BedrockCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
  /** When temporary credentials expire (a provider is asked again after that). */
  expiration?: Date;
}

/** A source of credentials, asked before every request (AWS providers cache and refresh themselves). */
export type BedrockCredentialProvider = () => Promise<BedrockCredentials>;

/**
 * The credential provider an adapter signs with: a function as given, static credentials as a
 * constant, or, by default, the AWS SDK's standard chain (`fromNodeProviderChain()` from
 * `@aws-sdk/credential-providers`: environment variables, SSO, the shared config and credentials
 * files with `AWS_PROFILE`, web identity, ECS and EC2 instance roles), loaded on first use so
 * an adapter with explicit credentials never loads it. The chain caches what it found and
 * refreshes it before it expires.
 */
export function resolveCredentialProvider(
  credentials: BedrockCredentials | BedrockCredentialProvider | undefined,
): BedrockCredentialProvider {
  if (typeof credentials === 'function') return credentials;
  if (credentials !== undefined) {
    const fixed = { ...credentials };
    return async () => fixed;
  }
  let chain: Promise<BedrockCredentialProvider> | undefined;
  return async () => {
    chain ??= import('@aws-sdk/credential-providers').then(({ fromNodeProviderChain }) =>
      fromNodeProviderChain(),
    );
    return (await chain)();
  };
}

/**
 * Asks the provider for credentials; a failure (no credentials anywhere in the chain, an expired
 * SSO session...) is the operator's problem, like a rejected key: a non-retryable 502
 * `upstream_authentication_failed` naming the provider, with the chain's message.
 */
export async function loadCredentials(
  provider: BedrockCredentialProvider,
  context: { provider: string; url: string },
): Promise<BedrockCredentials> {
  try {
    const credentials = await provider();
    if (!credentials?.accessKeyId || !credentials.secretAccessKey)
      throw new Error('the credential provider returned no access key');
    return credentials;
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new UpstreamCallError(
      `The gateway could not load AWS credentials for ${context.provider}: ${reason}. The gateway operator must configure them (environment, profile or role).`,
      {
        status: 502,
        type: 'upstream_error',
        code: 'upstream_authentication_failed',
        upstreamStatus: undefined,
        isRetryable: false,
        url: context.url,
        provider: context.provider,
        cause: error,
      },
    );
  }
}
