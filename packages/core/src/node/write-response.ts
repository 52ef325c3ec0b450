import type { ServerResponse } from 'node:http';
import type { GatewayHttpResponse } from '../gateway/http.js';

/**
 * Resolves when the response can take more data, or is gone. Checks `destroyed` after listening:
 * a client that left while the frame was produced has already fired `close`, and waiting for it
 * would hang (leaving the upstream stream and the onDone hooks behind).
 */
function drained(response: ServerResponse): Promise<void> {
  if (response.destroyed || response.writableEnded) return Promise.resolve();
  return new Promise((resolve) => {
    const done = () => {
      response.off('drain', done);
      response.off('close', done);
      response.off('error', done);
      resolve();
    };
    response.on('drain', done);
    response.on('close', done);
    response.on('error', done);
    if (response.destroyed) done();
  });
}

/**
 * Writes a gateway response to a Node response: JSON in one write; SSE frame by frame, flushed
 * as each comes, waiting on backpressure, and stopping (which aborts upstream) when the client
 * goes away.
 */
export async function writeNodeResponse(
  response: ServerResponse,
  result: GatewayHttpResponse,
): Promise<void> {
  response.statusCode = result.status;
  for (const [name, value] of Object.entries(result.headers)) response.setHeader(name, value);
  const body = result.body;
  if (body.type === 'json') {
    const text = JSON.stringify(body.value);
    response.setHeader('content-type', 'application/json; charset=utf-8');
    response.setHeader('content-length', Buffer.byteLength(text));
    response.end(text);
    return;
  }
  if (body.type === 'text') {
    response.setHeader('content-type', body.contentType);
    response.end(body.value);
    return;
  }
  if (body.type === 'empty') {
    response.end();
    return;
  }
  response.flushHeaders();
  const iterator = body.events[Symbol.asyncIterator]();
  try {
    for (;;) {
      if (response.destroyed || response.writableEnded) break;
      const next = await iterator.next();
      if (next.done) break;
      if (!response.write(next.value)) await drained(response);
    }
  } finally {
    await iterator.return?.();
    if (!response.writableEnded) response.end();
  }
}
