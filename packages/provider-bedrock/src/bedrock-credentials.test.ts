import { UpstreamCallError } from '@signalbox/core';
import { describe, expect, it } from 'vitest';
import { loadCredentials, resolveCredentialProvider } from './bedrock-credentials.js';

const context = {
  provider: 'bedrock',
  url: 'https://bedrock-runtime.us-east-1.amazonaws.com/model/m/converse',
};

describe('bedrock credentials', () => {
  it('uses static credentials or a provider as given', async () => {
    const fixed = { accessKeyId: 'AKID', secretAccessKey: 'secret' };
    expect(await resolveCredentialProvider(fixed)()).toEqual(fixed);
    const provider = async () => ({ ...fixed, sessionToken: 'token' });
    expect(resolveCredentialProvider(provider)).toBe(provider);
  });

  it('defaults to the standard chain, which reads the environment', async () => {
    const saved = { ...process.env };
    process.env.AWS_ACCESS_KEY_ID = 'AKIAFROMENVIRONMENT1';
    process.env.AWS_SECRET_ACCESS_KEY = 'secret-from-environment';
    process.env.AWS_SESSION_TOKEN = 'session-from-environment';
    try {
      const credentials = await resolveCredentialProvider(undefined)();
      expect(credentials).toMatchObject({
        accessKeyId: 'AKIAFROMENVIRONMENT1',
        secretAccessKey: 'secret-from-environment',
        sessionToken: 'session-from-environment',
      });
    } finally {
      process.env = saved;
    }
  });

  it('a provider that fails is a non-retryable 502 upstream_authentication_failed', async () => {
    const error = await loadCredentials(async () => {
      throw new Error('Could not load credentials from any providers');
    }, context).catch((reason: unknown) => reason);
    expect(UpstreamCallError.isInstance(error)).toBe(true);
    expect(UpstreamCallError.isInstance(error) && [error.status, error.code, error.isRetryable]).toEqual([
      502,
      'upstream_authentication_failed',
      false,
    ]);
    expect(String((error as Error).message)).toContain('Could not load credentials from any providers');
  });
});
