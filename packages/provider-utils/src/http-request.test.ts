import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHttpClient } from './http-client.js';
import { postJson, sendRequest } from './http-request.js';
import { startTestServer, type TestServer } from './test-server.js';

let server: TestServer;
const client = createHttpClient();

beforeAll(async () => {
  server = await startTestServer(async (request, response) => {
    if (request.url === '/hang') return;
    if (request.url === '/reset') {
      response.socket?.destroy();
      return;
    }
    response.writeHead(201, { 'X-Request-Id': 'req_123', 'Content-Type': 'application/json' });
    response.end(JSON.stringify({ method: request.method, body: request.body }));
  });
});
afterAll(async () => {
  await client.close();
  await server.close();
});

describe('postJson', () => {
  it('sends JSON and returns the status, lower-case headers and the unread body', async () => {
    const response = await postJson({
      client,
      url: `${server.url}/v1/echo`,
      headers: { Authorization: 'Bearer k' },
      body: { hello: 'world' },
      provider: 'test',
    });
    expect(response.status).toBe(201);
    expect(response.statusText).toBe('Created');
    expect(response.headers['x-request-id']).toBe('req_123');
    expect(response.url).toBe(`${server.url}/v1/echo`);
    expect(await response.body.json()).toEqual({ method: 'POST', body: '{"hello":"world"}' });
    const received = server.requests.at(-1);
    expect(received?.headers['content-type']).toBe('application/json');
    expect(received?.headers.authorization).toBe('Bearer k');
  });
});

describe('sendRequest', () => {
  it('sends the path with its query string, the same URL again included', async () => {
    for (let index = 0; index < 2; index += 1) {
      const response = await sendRequest({
        client,
        url: `${server.url}/v1beta/models/m:streamGenerateContent?alt=sse`,
        provider: 'test',
      });
      await response.body.text();
      expect(server.requests.at(-1)?.url).toBe('/v1beta/models/m:streamGenerateContent?alt=sse');
    }
  });

  it('sends a GET without a body', async () => {
    const response = await sendRequest({ client, url: `${server.url}/v1/models`, provider: 'test' });
    expect(await response.body.json()).toEqual({ method: 'GET', body: '' });
  });

  it('maps a reset to a retryable 502', async () => {
    await expect(sendRequest({ client, url: `${server.url}/reset`, provider: 'test' })).rejects.toMatchObject(
      {
        status: 502,
        isRetryable: true,
        provider: 'test',
      },
    );
  });

  it('rejects with the abort reason and closes the upstream socket at once', async () => {
    const controller = new AbortController();
    const pending = sendRequest({
      client,
      url: `${server.url}/hang`,
      provider: 'test',
      signal: controller.signal,
    });
    await new Promise((resolve) => setTimeout(resolve, 50));
    const aborted = server.aborted;
    const reason = new Error('client gone');
    controller.abort(reason);
    await expect(pending).rejects.toBe(reason);
    await expect.poll(() => server.aborted, { timeout: 1000 }).toBe(aborted + 1);
  });
});
