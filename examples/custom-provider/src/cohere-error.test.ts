import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { UpstreamCallError } from '@signalbox/core';
import { createHttpClient, sendRequest } from '@signalbox/provider-utils';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCohereErrorHandler } from './cohere-error.js';

// Each request's answer comes from its `x-answer` header: {status, body, headers}.
let server: Server;
let url: string;
const client = createHttpClient();
const handler = createCohereErrorHandler('cohere');

beforeAll(async () => {
  server = createServer((request, response) => {
    const answer = JSON.parse(String(request.headers['x-answer']));
    response.writeHead(answer.status, answer.headers ?? {});
    response.end(typeof answer.body === 'string' ? answer.body : JSON.stringify(answer.body));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v2/chat`;
});
afterAll(async () => {
  await client.close();
  await new Promise((resolve) => server.close(resolve));
});

async function errorFor(
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): Promise<UpstreamCallError> {
  const answer = JSON.stringify({ status, body, headers });
  const response = await sendRequest({
    client,
    url,
    method: 'POST',
    body: '{}',
    provider: 'cohere',
    headers: { 'x-answer': answer },
  });
  return handler(response);
}

describe('createCohereErrorHandler', () => {
  it("keeps the status and Cohere's message of a 400", async () => {
    const error = await errorFor(400, {
      id: 'e1',
      message: 'invalid request: temperature must be between 0 and 1.0 inclusive.',
    });
    expect(error).toMatchObject({
      status: 400,
      upstreamStatus: 400,
      message: 'invalid request: temperature must be between 0 and 1.0 inclusive.',
      isRetryable: false,
      provider: 'cohere',
    });
  });

  it('keeps 404 and 422 as client errors', async () => {
    expect(await errorFor(404, { message: "model 'nope' not found" })).toMatchObject({
      status: 404,
      isRetryable: false,
    });
    expect(await errorFor(422, { message: 'unprocessable' })).toMatchObject({
      status: 422,
      isRetryable: false,
    });
  });

  it('a 429 is retryable with retryAfter from the header', async () => {
    const error = await errorFor(429, { message: 'You are using a Trial key' }, { 'retry-after': '7' });
    expect(error).toMatchObject({ status: 429, isRetryable: true, retryAfter: 7 });
    expect(error.headers['retry-after']).toBe('7');
  });

  it('a 5xx is retryable', async () => {
    expect(await errorFor(500, { message: 'internal server error' })).toMatchObject({
      status: 500,
      isRetryable: true,
    });
    expect(await errorFor(503, { message: 'unavailable' })).toMatchObject({ status: 503, isRetryable: true });
  });

  it("a rejected key is the operator's problem: a 502, not the client's 401", async () => {
    const error = await errorFor(401, { message: 'invalid api token' });
    expect(error).toMatchObject({ status: 502, code: 'upstream_authentication_failed', isRetryable: false });
    expect(error.responseBody).toContain('invalid api token');
  });

  it('a body that is not Cohere JSON falls back to the status text', async () => {
    const error = await errorFor(502, '<html>bad gateway</html>');
    expect(error).toMatchObject({ status: 502, isRetryable: true });
    expect(error.message).toBe('cohere returned HTTP 502 Bad Gateway');
  });
});
