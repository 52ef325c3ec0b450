import type { UpstreamCallError } from '@signalbox/core';
import { createHttpClient, sendRequest } from '@signalbox/provider-utils';
import { MockAgent } from 'undici';
import { afterAll, describe, expect, it } from 'vitest';
import { createAnthropicErrorHandler } from './anthropic-error.js';

const agent = new MockAgent();
agent.disableNetConnect();
const client = createHttpClient({ dispatcher: agent });
const handler = createAnthropicErrorHandler('anthropic');
afterAll(() => agent.close());

async function errorFor(
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): Promise<UpstreamCallError> {
  agent
    .get('https://api.anthropic.test')
    .intercept({ path: '/v1/messages', method: 'POST' })
    .reply(status, typeof body === 'string' ? body : JSON.stringify(body), { headers });
  const response = await sendRequest({
    client,
    method: 'POST',
    url: 'https://api.anthropic.test/v1/messages',
    body: '{}',
    provider: 'anthropic',
  });
  return handler(response);
}

const body = (type: string, message: string) => ({
  type: 'error',
  error: { type, message },
  request_id: 'req_1',
});

describe('createAnthropicErrorHandler', () => {
  it('keeps a 400 with the message and the error type as code', async () => {
    expect(await errorFor(400, body('invalid_request_error', 'max_tokens: Field required'))).toMatchObject({
      status: 400,
      type: 'invalid_request_error',
      code: 'invalid_request_error',
      message: 'max_tokens: Field required',
      isRetryable: false,
    });
  });

  it('marks 529 overloaded_error and 500 api_error retryable', async () => {
    expect(await errorFor(529, body('overloaded_error', 'Overloaded'))).toMatchObject({
      status: 529,
      type: 'overloaded_error',
      code: 'overloaded_error',
      isRetryable: true,
    });
    expect(await errorFor(500, body('api_error', 'Internal server error'))).toMatchObject({
      status: 500,
      isRetryable: true,
    });
  });

  it('reads retry-after on a 429', async () => {
    expect(
      await errorFor(429, body('rate_limit_error', 'Rate limited'), { 'retry-after': '12' }),
    ).toMatchObject({
      status: 429,
      retryAfter: 12,
      isRetryable: true,
    });
  });

  it('maps a 401 to a 502 upstream_authentication_failed', async () => {
    const error = await errorFor(401, body('authentication_error', 'invalid x-api-key'));
    expect(error).toMatchObject({
      status: 502,
      upstreamStatus: 401,
      code: 'upstream_authentication_failed',
      isRetryable: false,
    });
    expect(error.message).toContain("gateway's anthropic credentials were rejected");
  });

  it('falls back to the status text for a body that is not an Anthropic error', async () => {
    expect(await errorFor(503, 'upstream connect error')).toMatchObject({
      status: 503,
      message: 'anthropic returned HTTP 503 Service Unavailable',
      isRetryable: true,
    });
  });
});
