import { once } from 'node:events';
import type { ServerResponse } from 'node:http';
import type { GatewayHttpResponse } from '../gateway/http.js';

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
      if (!response.write(next.value)) {
        await Promise.race([once(response, 'drain'), once(response, 'close')]);
      }
    }
  } finally {
    await iterator.return?.();
    if (!response.writableEnded) response.end();
  }
}
