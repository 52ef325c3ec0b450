import { UpstreamCallError } from '@signalbox/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHttpClient } from './http-client.js';
import { sendRequest } from './http-request.js';
import { readJsonResponse } from './read-json-response.js';
import { startTestServer, type TestServer } from './test-server.js';

let server: TestServer;
const client = createHttpClient();

beforeAll(async () => {
  server = await startTestServer((request, response) => {
    if (request.url === '/json') {
      response.end('{"id":"chatcmpl-1"}');
    } else if (request.url === '/html') {
      response.end('<html>oops</html>');
    } else {
      response.writeHead(200, { 'content-length': '100' });
      response.write('{"id":', () => response.socket?.destroy());
    }
  });
});
afterAll(async () => {
  await client.close();
  await server.close();
});

describe('readJsonResponse', () => {
  it('reads and parses a JSON body', async () => {
    const response = await sendRequest({ client, url: `${server.url}/json`, provider: 'openai' });
    expect(await readJsonResponse(response, { provider: 'openai' })).toEqual({ id: 'chatcmpl-1' });
  });

  it('turns a body that is not JSON into a retryable 502 naming the provider', async () => {
    const response = await sendRequest({ client, url: `${server.url}/html`, provider: 'openai' });
    const error = await readJsonResponse(response, { provider: 'openai' }).catch((caught: unknown) => caught);
    expect(UpstreamCallError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({
      message: 'Invalid JSON from openai.',
      status: 502,
      upstreamStatus: 200,
      isRetryable: true,
      responseBody: '<html>oops</html>',
    });
  });

  it('maps a connection dropped while reading to a retryable 502', async () => {
    const response = await sendRequest({ client, url: `${server.url}/drop`, provider: 'openai' });
    await expect(readJsonResponse(response, { provider: 'openai' })).rejects.toMatchObject({
      status: 502,
      code: 'upstream_connection_error',
      isRetryable: true,
    });
  });
});
