import type { ProviderOptions } from '@signalbox/core';

/**
 * The keys a part's Google data is looked up under, most specific first: the provider's own
 * name (`google`, `vertex`, or a custom one), then `google` and `vertex`.
 */
export function googleOptionKeys(provider: string): string[] {
  return [...new Set([provider, 'google', 'vertex'])];
}

/**
 * The `thoughtSignature` this adapter stored on a result part (`providerOptions.<provider>`), to
 * send back on the same part of the next request. Signatures of other providers (an Anthropic
 * thinking signature) are never read: Gemini would reject them.
 */
export function thoughtSignatureOf(
  providerOptions: ProviderOptions | undefined,
  provider: string,
): string | undefined {
  for (const key of googleOptionKeys(provider)) {
    const signature = providerOptions?.[key]?.thoughtSignature;
    if (typeof signature === 'string' && signature !== '') return signature;
  }
  return undefined;
}

/** `{ [provider]: { thoughtSignature } }` for a part's `providerOptions`, or undefined without one. */
export function signatureOptions(
  signature: string | undefined,
  provider: string,
): ProviderOptions | undefined {
  return signature === undefined ? undefined : { [provider]: { thoughtSignature: signature } };
}
