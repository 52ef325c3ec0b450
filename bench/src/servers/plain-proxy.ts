import { createServer, type Server } from 'node:http';
import { pipeline } from 'node:stream';
import { createForwarder, readBody } from './forward.js';

/**
 * The plain proxy baseline: `node:http` and an undici `Pool`, nothing else. Forwards
 * `POST /v1/chat/completions` to the upstream and pipes the answer back (JSON or SSE) as it comes.
 */
export function createPlainProxy(upstreamUrl: string): { server: Server; close: () => Promise<void> } {
  const forwarder = createForwarder(upstreamUrl);
  const server = createServer((request, response) => {
    if (request.method !== 'POST' || request.url !== '/v1/chat/completions') {
      response.writeHead(404).end();
      return;
    }
    const controller = new AbortController();
    response.once('close', () => {
      if (!response.writableFinished) controller.abort();
    });
    readBody(request)
      .then((body) => forwarder.forward(body, controller.signal))
      .then((upstream) => {
        response.writeHead(upstream.status, { 'content-type': upstream.contentType });
        pipeline(upstream.body, response, () => {});
      })
      .catch(() => {
        if (!response.headersSent) response.writeHead(502);
        response.end();
      });
  });
  return { server, close: () => forwarder.close() };
}
