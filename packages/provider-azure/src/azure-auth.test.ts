import { UpstreamCallError } from '@signalbox/core';
import { describe, expect, it } from 'vitest';
import { createAzureAuthHeaders } from './azure-auth.js';

const context = { provider: 'azure', url: 'https://contoso.openai.azure.com/openai' };

describe('createAzureAuthHeaders', () => {
  it('sends a key as api-key, else a token as a bearer token', async () => {
    const headers = createAzureAuthHeaders({ ...context, getToken: () => 'token-1' });
    expect(await headers('key-1')).toEqual({ 'api-key': 'key-1' });
    expect(await headers(undefined)).toEqual({ authorization: 'Bearer token-1' });
    expect(await createAzureAuthHeaders({ ...context, getToken: undefined })(undefined)).toEqual({});
  });

  it('a token provider that fails or returns nothing is a 502 upstream_authentication_failed', async () => {
    for (const getToken of [
      async () => {
        throw new Error('AADSTS700016: application not found');
      },
      async () => '',
    ]) {
      const error = await createAzureAuthHeaders({ ...context, getToken })(undefined).catch(
        (reason: unknown) => reason,
      );
      expect(UpstreamCallError.isInstance(error) && [error.status, error.code, error.isRetryable]).toEqual([
        502,
        'upstream_authentication_failed',
        false,
      ]);
    }
  });
});
