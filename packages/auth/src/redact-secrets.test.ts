import { type Attempt, GatewayError, type StreamPart } from '@signalbox/core';
import { describe, expect, it } from 'vitest';
import { redactAttempts, redactError, redactStream, redactText, secretsOf } from './redact-secrets.js';

const secret = 'sk-provider-secret-9876';

describe('redaction of provider keys', () => {
  it('knows the secrets of a principal, ignoring values too short to redact safely', () => {
    expect(secretsOf({ openai: secret, tiny: 'abc' })).toEqual([secret]);
    expect(secretsOf(undefined)).toEqual([]);
    expect(redactText(`bad key ${secret}!`, [secret])).toBe('bad key [redacted]!');
  });

  it('rebuilds a GatewayError without the secret, keeping status, code and headers', () => {
    const error = new GatewayError(`Incorrect API key provided: ${secret}`, {
      status: 401,
      code: 'invalid_api_key',
      headers: { 'x-a': '1' },
      cause: { body: secret },
    });
    const redacted = redactError(error, [secret]) as GatewayError;
    expect(redacted).not.toBe(error);
    expect(redacted).toMatchObject({ status: 401, code: 'invalid_api_key', headers: { 'x-a': '1' } });
    expect(redacted.message).toBe('Incorrect API key provided: [redacted]');
    expect(redacted.cause).toBeUndefined();
    const clean = new GatewayError('fine', { status: 500 });
    expect(redactError(clean, [secret])).toBe(clean);
  });

  it('redacts plain errors (message and stack), attempts and stream error parts', async () => {
    const plain = redactError(new Error(`boom ${secret}`), [secret]) as Error;
    expect(`${plain.message}${plain.stack}`).not.toContain(secret);
    const attempts: Attempt[] = [
      {
        model: 'm',
        provider: 'p',
        providerModelId: 'm',
        credentialType: 'byok',
        startTime: 0,
        success: false,
        error: { message: `bad ${secret}`, type: 'authentication_error', status: 401 },
      },
    ];
    redactAttempts(attempts, [secret]);
    expect(attempts[0]?.error?.message).toBe('bad [redacted]');
    async function* parts(): AsyncGenerator<StreamPart> {
      yield { type: 'text-delta', id: 't', delta: 'hello' };
      attempts.push({
        ...(attempts[0] as Attempt),
        error: { message: `mid ${secret}`, type: 'x', status: 401 },
      });
      yield { type: 'error', error: new GatewayError(`revoked ${secret}`, { status: 401 }) };
    }
    const seen: StreamPart[] = [];
    for await (const part of redactStream(parts(), [secret], attempts)) seen.push(part);
    expect(attempts[1]?.error?.message).toBe('mid [redacted]');
    expect(seen[0]).toEqual({ type: 'text-delta', id: 't', delta: 'hello' });
    expect((seen[1] as { error: Error }).error.message).toBe('revoked [redacted]');
  });
});
