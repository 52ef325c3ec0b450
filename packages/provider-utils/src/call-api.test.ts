import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { callJsonApi, openApiResponse } from './call-api.js';
import { createHttpClient } from './http-client.js';
import { createJsonErrorResponseHandler } from './json-error-response-handler.js';
import { startTestServer, type TestServer } from './test-server.js';

let server: TestServer;
const client = createHttpClient();
const errorHandler = createJsonErrorResponseHandler({
  provider: 'anthropic',
  errorSchema: z.looseObject({
    type: z.literal('error'),
    error: z.looseObject({ type: z.string(), message: z.string() }),
  }),
  errorToMessage: (body) => body.error.message,
  errorToCode: (body) => body.error.type,
});

beforeAll(async () => {
  server = await startTestServer((request, response) => {
    if (request.url === '/fail') {
      response.writeHead(400, { 'content-type': 'application/json' });
      response.end(
        JSON.stringify({
          type: 'error',
          error: { type: 'invalid_request_error', message: 'max_tokens: Field required' },
        }),
      );
      return;
    }
    response.writeHead(200, { 'content-type': 'application/json' });
    response.end(
      JSON.stringify({ method: request.method, body: request.body === '' ? null : JSON.parse(request.body) }),
    );
  });
});
afterAll(async () => {
  await client.close();
  await server.close();
});

describe('callJsonApi', () => {
  it('POSTs a JSON body and reads the JSON answer', async () => {
    const { value, response } = await callJsonApi({
      client,
      url: `${server.url}/v1/messages`,
      body: { model: 'claude' },
      provider: 'anthropic',
      errorHandler,
    });
    expect(value).toEqual({ method: 'POST', body: { model: 'claude' } });
    expect(response.status).toBe(200);
  });

  it('GETs without a body', async () => {
    const { value } = await callJsonApi({
      client,
      url: `${server.url}/v1/models`,
      provider: 'anthropic',
      errorHandler,
    });
    expect(value).toEqual({ method: 'GET', body: null });
  });

  it('rejects a non-2xx answer with the handler error', async () => {
    await expect(
      openApiResponse({ client, url: `${server.url}/fail`, body: {}, provider: 'anthropic', errorHandler }),
    ).rejects.toMatchObject({
      status: 400,
      message: 'max_tokens: Field required',
      code: 'invalid_request_error',
    });
  });
});
