import { type AccessToken, getBearerTokenProvider, type TokenCredential } from '@azure/identity';
import type { ProviderCall } from '@signalbox/core';
import { textOf } from '@signalbox/testing';
import { afterAll, describe, expect, it } from 'vitest';
import { createAzure } from './azure-provider.js';
import { startFakeAzure } from './fake-azure.js';

// Microsoft Entra ID with @azure/identity (a dev dependency: the adapter itself only takes a
// token function). `getBearerTokenProvider` is what the OpenAI SDK's `AzureOpenAI` takes as
// `azureADTokenProvider`; any `TokenCredential` works (DefaultAzureCredential,
// ManagedIdentityCredential...). Here a credential that needs no network.
const upstream = await startFakeAzure({ token: 'entra-access-token' });
afterAll(() => upstream.close());

describe('Entra ID through @azure/identity', () => {
  it('sends the token of getBearerTokenProvider for the Cognitive Services scope', async () => {
    const scopes: string[][] = [];
    const credential: TokenCredential = {
      async getToken(scope): Promise<AccessToken> {
        scopes.push(Array.isArray(scope) ? scope : [scope]);
        return { token: 'entra-access-token', expiresOnTimestamp: Date.now() + 3_600_000 };
      },
    };
    const azure = createAzure({
      baseURL: upstream.url,
      azureADTokenProvider: getBearerTokenProvider(
        credential,
        'https://cognitiveservices.azure.com/.default',
      ),
    });
    const call: ProviderCall = {
      modelId: 'gpt-4o-mini',
      signal: new AbortController().signal,
      request: {
        model: 'azure/gpt-4o-mini',
        stream: false,
        messages: [{ role: 'user', content: [{ type: 'text', text: 'Hi' }] }],
      },
    };
    expect(textOf((await azure.generate(call)).content)).toBe('echo: Hi');
    expect(upstream.requests[0]?.headers.authorization).toBe('Bearer entra-access-token');
    expect(scopes[0]).toEqual(['https://cognitiveservices.azure.com/.default']);
    await azure.close();
  });
});
