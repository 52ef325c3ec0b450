import { UpstreamCallError } from '@signalbox/core';
import type { ServerResponse } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createHttpClient } from './http-client.js';
import { sendRequest } from './http-request.js';
import { createJsonErrorResponseHandler } from './json-error-response-handler.js';
import { startTestServer, type TestServer } from './test-server.js';

let server: TestServer;
const client = createHttpClient();
const replies = new Map<string, (response: ServerResponse) => void>();

function json(status: number, body: unknown, headers: Record<string, string> = {}) {
  return (response: ServerResponse) => {
    response.writeHead(status, { 'content-type': 'application/json', ...headers });
    response.end(JSON.stringify(body));
  };
}

const handler = createJsonErrorResponseHandler({
  provider: 'openai',
  errorSchema: z.looseObject({
    error: z.looseObject({
      message: z.string(),
      code: z.string().nullish(),
      param: z.string().nullish(),
    }),
  }),
  errorToMessage: (body) => body.error.message,
  errorToCode: (body) => body.error.code ?? undefined,
  errorToParam: (body) => body.error.param ?? undefined,
});

async function errorFor(path: string, context?: Parameters<typeof handler>[1]): Promise<UpstreamCallError> {
  const response = await sendRequest({ client, url: `${server.url}${path}`, provider: 'openai' });
  const error = await handler(response, context);
  expect(UpstreamCallError.isInstance(error)).toBe(true);
  return error;
}

beforeAll(async () => {
  replies.set(
    '/400',
    json(400, {
      error: {
        message: "Invalid value for 'temperature'.",
        type: 'invalid_request_error',
        param: 'temperature',
        code: 'invalid_value',
      },
    }),
  );
  replies.set(
    '/401',
    json(401, { error: { message: 'Incorrect API key provided: sk-abc***xyz.', code: 'invalid_api_key' } }),
  );
  replies.set('/403', json(403, { error: { message: 'Project does not have access.' } }));
  replies.set(
    '/404',
    json(404, { error: { message: 'The model `gpt-9` does not exist.', code: 'model_not_found' } }),
  );
  replies.set('/429', json(429, { error: { message: 'Rate limit reached.' } }, { 'retry-after': '7' }));
  replies.set(
    '/429ms',
    json(429, { error: { message: 'Slow down.' } }, { 'retry-after-ms': '1500', 'retry-after': '9' }),
  );
  replies.set('/500', json(500, { error: { message: 'The server had an error.' } }));
  replies.set(
    '/529',
    json(529, { type: 'error', error: { type: 'overloaded_error', message: 'Overloaded' } }),
  );
  replies.set('/503-html', (response) => {
    response.writeHead(503, { 'content-type': 'text/html' });
    response.end('<html>Service Unavailable</html>');
  });
  replies.set('/302', (response) => {
    response.writeHead(302, { location: '/elsewhere' });
    response.end();
  });
  server = await startTestServer((request, response) => replies.get(request.url)?.(response));
});
afterAll(async () => {
  await client.close();
  await server.close();
});

describe('createJsonErrorResponseHandler', () => {
  it('keeps a 400 with the provider message, code and param, not retryable', async () => {
    const error = await errorFor('/400');
    expect(error).toMatchObject({
      status: 400,
      upstreamStatus: 400,
      type: 'invalid_request_error',
      message: "Invalid value for 'temperature'.",
      code: 'invalid_value',
      param: 'temperature',
      isRetryable: false,
      provider: 'openai',
      url: `${server.url}/400`,
    });
    expect(error.responseBody).toContain('invalid_value');
    expect(error.responseHeaders['content-type']).toBe('application/json');
  });

  it('keeps a 404 for an unknown model', async () => {
    expect(await errorFor('/404')).toMatchObject({
      status: 404,
      code: 'model_not_found',
      isRetryable: false,
    });
  });

  it("maps an upstream 401 to a 502 about the gateway's credentials, without the provider message", async () => {
    const error = await errorFor('/401');
    expect(error).toMatchObject({
      status: 502,
      type: 'upstream_error',
      code: 'upstream_authentication_failed',
      upstreamStatus: 401,
      isRetryable: false,
    });
    expect(error.message).toMatch(/gateway's openai credentials were rejected/);
    expect(error.message).not.toContain('sk-abc');
    expect(error.responseBody).toContain('sk-abc');
  });

  it('maps a 403 the same way and words a BYOK rejection differently', async () => {
    expect(await errorFor('/403')).toMatchObject({
      status: 502,
      upstreamStatus: 403,
      code: 'upstream_authentication_failed',
    });
    const byok = await errorFor('/401', { byok: true });
    expect(byok.message).toMatch(/bring your own key/);
    expect(byok.code).toBe('upstream_authentication_failed');
  });

  it('reads retry-after and retry-after-ms on a retryable 429', async () => {
    expect(await errorFor('/429')).toMatchObject({
      status: 429,
      type: 'rate_limit_error',
      isRetryable: true,
      retryAfter: 7,
      headers: { 'retry-after': '7' },
      message: 'Rate limit reached.',
    });
    expect((await errorFor('/429ms')).retryAfter).toBe(1.5);
  });

  it('marks 5xx and 529 retryable', async () => {
    expect(await errorFor('/500')).toMatchObject({ status: 500, isRetryable: true });
    expect(await errorFor('/529')).toMatchObject({
      status: 529,
      type: 'overloaded_error',
      isRetryable: true,
    });
  });

  it('falls back to the status text when the body is not the expected JSON', async () => {
    const error = await errorFor('/503-html');
    expect(error).toMatchObject({
      status: 503,
      isRetryable: true,
      message: 'openai returned HTTP 503 Service Unavailable',
    });
    expect(error.responseBody).toBe('<html>Service Unavailable</html>');
  });

  it('treats a redirect as the provider failing', async () => {
    expect(await errorFor('/302')).toMatchObject({
      status: 502,
      upstreamStatus: 302,
      type: 'upstream_error',
    });
  });

  it('lets the provider override the retry rule', async () => {
    const never = createJsonErrorResponseHandler({
      provider: 'x',
      errorSchema: z.unknown(),
      errorToMessage: () => 'x',
      isRetryable: () => false,
    });
    const response = await sendRequest({ client, url: `${server.url}/500`, provider: 'x' });
    expect((await never(response)).isRetryable).toBe(false);
  });

  describe('body-stated retry delays and credential failures (Google style)', () => {
    const googleSchema = z.looseObject({
      error: z.looseObject({
        message: z.string(),
        status: z.string().optional(),
        retryAfter: z.number().optional(),
      }),
    });
    const google = createJsonErrorResponseHandler({
      provider: 'google',
      errorSchema: googleSchema,
      errorToMessage: (body) => body.error.message,
      errorToRetryAfter: (body) => body.error.retryAfter,
      isAuthenticationFailure: (response, body) =>
        response.status === 400 && body?.error.status === 'API_KEY_INVALID',
    });
    const googleErrorFor = async (status: number, body: unknown, headers: Record<string, string> = {}) => {
      replies.set('/google', json(status, body, headers));
      const response = await sendRequest({ client, url: `${server.url}/google`, provider: 'google' });
      return google(response);
    };

    it('takes the retry delay from the body when no header states one', async () => {
      const error = await googleErrorFor(429, { error: { message: 'Quota.', retryAfter: 34.4 } });
      expect(error).toMatchObject({ status: 429, retryAfter: 34.4, isRetryable: true });
      expect(error.headers['retry-after']).toBe('35');
    });

    it('lets a retry-after header win over the body', async () => {
      const error = await googleErrorFor(
        429,
        { error: { message: 'Quota.', retryAfter: 34 } },
        { 'retry-after': '2' },
      );
      expect(error.retryAfter).toBe(2);
    });

    it('reports a 400 the provider uses for a bad key as rejected gateway credentials', async () => {
      const error = await googleErrorFor(400, {
        error: { message: 'API key not valid.', status: 'API_KEY_INVALID' },
      });
      expect(error).toMatchObject({
        status: 502,
        upstreamStatus: 400,
        code: 'upstream_authentication_failed',
        isRetryable: false,
      });
      const plain = await googleErrorFor(400, {
        error: { message: 'Bad field.', status: 'INVALID_ARGUMENT' },
      });
      expect(plain).toMatchObject({ status: 400, message: 'Bad field.' });
    });
  });
});
