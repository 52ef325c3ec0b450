import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHttpClient } from './http-client.js';
import { sendRequest } from './http-request.js';
import { sseEventsFrom } from './sse-events-from.js';
import { startTestServer, type TestServer } from './test-server.js';

let server: TestServer;
const client = createHttpClient();

beforeAll(async () => {
  server = await startTestServer(async (request, response) => {
    response.writeHead(200, { 'content-type': 'text/event-stream' });
    response.write('event: ping\ndata: {"a":1}\n\n');
    response.write('data: {"b":');
    if (request.url === '/drop') {
      response.write('2}\n\n', () => response.socket?.destroy());
      return;
    }
    response.write('2}\n\n');
    if (request.url === '/slow-end') {
      response.write('data: [DONE]\n\n');
      setTimeout(() => response.end(), 20);
      return;
    }
    if (request.url === '/endless') {
      const timer = setInterval(() => response.write('data: more\n\n'), 10);
      response.on('close', () => clearInterval(timer));
      return;
    }
    response.end('data: [DONE]\n\n');
  });
});
afterAll(async () => {
  await client.close();
  await server.close();
});

describe('sseEventsFrom', () => {
  it('parses the events of a streamed body', async () => {
    const response = await sendRequest({ client, url: `${server.url}/ok`, provider: 'openai' });
    const events = [];
    for await (const event of sseEventsFrom(response, { provider: 'openai' }))
      events.push([event.event, event.data]);
    expect(events).toEqual([
      ['ping', '{"a":1}'],
      [undefined, '{"b":2}'],
      [undefined, '[DONE]'],
    ]);
  });

  it('throws a retryable 502 when the connection drops mid-stream', async () => {
    const response = await sendRequest({ client, url: `${server.url}/drop`, provider: 'openai' });
    const seen: string[] = [];
    const error = await (async () => {
      for await (const event of sseEventsFrom(response, { provider: 'openai' })) seen.push(event.data);
    })().catch((caught: unknown) => caught);
    expect(seen).toEqual(['{"a":1}', '{"b":2}']);
    expect(error).toMatchObject({ status: 502, isRetryable: true, code: 'upstream_connection_error' });
  });

  it('destroys the body, closing the upstream socket, when the consumer stops early', async () => {
    const aborted = server.aborted;
    const response = await sendRequest({ client, url: `${server.url}/endless`, provider: 'openai' });
    for await (const event of sseEventsFrom(response, { provider: 'openai' })) {
      if (event.data === 'more') break;
    }
    expect(response.body.destroyed).toBe(true);
    await expect.poll(() => server.aborted, { timeout: 1000 }).toBe(aborted + 1);
  });

  it('drains a body the consumer leaves after [DONE], so the socket is reused', async () => {
    const before = server.connections;
    const aborted = server.aborted;
    for (let index = 0; index < 3; index += 1) {
      const response = await sendRequest({ client, url: `${server.url}/slow-end`, provider: 'openai' });
      for await (const event of sseEventsFrom(response, { provider: 'openai' })) {
        if (event.data === '[DONE]') break;
      }
      await new Promise<void>((resolve) => response.body.once('close', resolve));
      await new Promise((resolve) => setImmediate(resolve));
    }
    expect(server.connections - before).toBeLessThanOrEqual(1);
    expect(server.aborted).toBe(aborted);
  });
});
