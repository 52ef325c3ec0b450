import type { SseEvent, StreamPart } from '@signalbox/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHttpClient } from './http-client.js';
import { sendRequest } from './http-request.js';
import { startTestServer, type TestServer } from './test-server.js';
import { upstreamStreamResult } from './upstream-stream-result.js';

let server: TestServer;
const client = createHttpClient();

beforeAll(async () => {
  server = await startTestServer((request, response) => {
    response.writeHead(200, { 'content-type': 'text/event-stream', 'x-request-id': 'req_9' });
    response.write('data: {"id":"r1"}\n\n');
    if (request.url === '/custom-end') {
      // A format whose last event is its own (`event: done`), with the body ending a little later.
      response.write('event: done\ndata: {}\n\n');
      setTimeout(() => response.end(), 30);
      return;
    }
    if (request.url === '/drop') {
      response.write('data: more\n\n', () => response.socket?.destroy());
      return;
    }
    response.end('data: [DONE]\n\n');
  });
});
afterAll(async () => {
  await client.close();
  await server.close();
});

async function collectStream(stream: AsyncIterable<StreamPart>): Promise<StreamPart[]> {
  const parts: StreamPart[] = [];
  for await (const part of stream) parts.push(part);
  return parts;
}

async function* decode(events: AsyncIterable<SseEvent>): AsyncGenerator<StreamPart> {
  yield { type: 'stream-start', warnings: [] };
  for await (const event of events) {
    if (event.data === '[DONE]') break;
    if (event.data.startsWith('{')) yield { type: 'response-metadata', id: JSON.parse(event.data).id };
    else yield { type: 'text-delta', id: 't', delta: event.data };
  }
}

describe('upstreamStreamResult', () => {
  it('decodes the events and adds the request id', async () => {
    const response = await sendRequest({ client, url: `${server.url}/ok`, provider: 'p' });
    const signal = new AbortController().signal;
    const result = await upstreamStreamResult(response, {
      provider: 'p',
      signal,
      requestIdHeader: 'x-request-id',
      decode,
    });
    expect(result.response?.requestId).toBe('req_9');
    const parts = await collectStream(result.stream);
    expect(parts[1]).toMatchObject({ type: 'response-metadata', id: 'r1', requestId: 'req_9' });
  });

  it('ends with an error part when the connection drops', async () => {
    const response = await sendRequest({ client, url: `${server.url}/drop`, provider: 'p' });
    const signal = new AbortController().signal;
    const result = await upstreamStreamResult(response, {
      provider: 'p',
      signal,
      requestIdHeader: 'x-request-id',
      decode,
    });
    const parts = await collectStream(result.stream);
    expect(parts.at(-1)).toMatchObject({ type: 'error', error: { status: 502, provider: 'p' } });
  });

  it('drains the body after a custom final event, so the socket is reused', async () => {
    async function* untilDone(events: AsyncIterable<SseEvent>): AsyncGenerator<StreamPart> {
      yield { type: 'stream-start', warnings: [] };
      for await (const event of events) if (event.event === 'done') break;
    }
    const run = async (isFinalEvent?: (event: SseEvent) => boolean) => {
      const response = await sendRequest({ client, url: `${server.url}/custom-end`, provider: 'p' });
      const result = await upstreamStreamResult(response, {
        provider: 'p',
        signal: new AbortController().signal,
        requestIdHeader: 'x-request-id',
        decode: untilDone,
        ...(isFinalEvent && { isFinalEvent }),
      });
      await collectStream(result.stream);
      await new Promise((resolve) => setTimeout(resolve, 80));
    };
    await run((event) => event.event === 'done');
    const connections = server.connections;
    await run((event) => event.event === 'done');
    expect(server.connections).toBe(connections);
    // Without the option, stopping there destroys the body: the next request needs a new socket.
    await run();
    await run();
    expect(server.connections).toBeGreaterThan(connections);
  });
});
