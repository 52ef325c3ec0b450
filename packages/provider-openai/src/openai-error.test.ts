import type { UpstreamCallError } from '@signalbox/core';
import { createHttpClient, sendRequest } from '@signalbox/provider-utils';
import { MockAgent } from 'undici';
import { afterAll, describe, expect, it } from 'vitest';
import { createOpenAIErrorHandler } from './openai-error.js';

const agent = new MockAgent();
agent.disableNetConnect();
const client = createHttpClient({ dispatcher: agent });
const handler = createOpenAIErrorHandler('openai');
afterAll(() => agent.close());

async function errorFor(
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): Promise<UpstreamCallError> {
  agent
    .get('https://api.openai.test')
    .intercept({ path: '/v1/chat/completions', method: 'POST' })
    .reply(status, typeof body === 'string' ? body : JSON.stringify(body), { headers });
  const response = await sendRequest({
    client,
    method: 'POST',
    url: 'https://api.openai.test/v1/chat/completions',
    body: '{}',
    provider: 'openai',
  });
  return handler(response);
}

describe('createOpenAIErrorHandler', () => {
  it('keeps the message, type, param and code of an OpenAI error', async () => {
    const error = await errorFor(400, {
      error: {
        message: "Invalid type for 'messages[0].content': expected a string.",
        type: 'invalid_request_error',
        param: 'messages[0].content',
        code: 'invalid_type',
      },
    });
    expect(error).toMatchObject({
      status: 400,
      message: "Invalid type for 'messages[0].content': expected a string.",
      param: 'messages[0].content',
      code: 'invalid_type',
      isRetryable: false,
      provider: 'openai',
    });
  });

  it('reads the looser bodies of compatible servers', async () => {
    expect(await errorFor(404, { error: { message: 'model not found', code: 404 } })).toMatchObject({
      status: 404,
      message: 'model not found',
      code: '404',
    });
    expect(await errorFor(500, { error: 'upstream exploded' })).toMatchObject({
      status: 500,
      message: 'upstream exploded',
      isRetryable: true,
    });
  });

  it('maps an upstream 401 to a 502 upstream_authentication_failed', async () => {
    const error = await errorFor(401, {
      error: { message: 'Incorrect API key provided: sk-***.', code: 'invalid_api_key' },
    });
    expect(error).toMatchObject({ status: 502, upstreamStatus: 401, code: 'upstream_authentication_failed' });
    expect(error.message).toContain("gateway's openai credentials were rejected");
  });

  it('reads retry-after on a 429', async () => {
    expect(
      await errorFor(
        429,
        { error: { message: 'Rate limit reached', code: 'rate_limit_exceeded' } },
        { 'retry-after': '3' },
      ),
    ).toMatchObject({ status: 429, retryAfter: 3, isRetryable: true, code: 'rate_limit_exceeded' });
  });

  it('falls back to the status text when the body is not JSON', async () => {
    expect(await errorFor(502, '<html>Bad Gateway</html>')).toMatchObject({
      status: 502,
      message: 'openai returned HTTP 502 Bad Gateway',
      isRetryable: true,
    });
  });
});
