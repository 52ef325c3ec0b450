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
 * Writes a gateway response to a Node response: JSON in one write; SSE frame by frame as each
 * comes (the frames of one event-loop turn in one socket write), waiting on backpressure, and stopping (which aborts upstream) when the client
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
  // Frames produced in the same turn of the event loop (an upstream chunk often carries several)
  // go out in one socket write: the socket is corked at the first frame and uncorked once the
  // loop has run what it can (setImmediate), instead of one syscall per frame. The first frame
  // carries the headers (the stream was primed up to its first content, so it comes at once).
  // The socket is corked, not the response: `ServerResponse.cork()` buffers on its own since
  // Node 22 and loses frames when the response ends while corked.
  const socket = response.socket;
  let corked = false;
  const uncork = () => {
    if (!corked) return;
    corked = false;
    socket?.uncork();
  };
  const iterator = body.events[Symbol.asyncIterator]();
  try {
    for (;;) {
      if (response.destroyed || response.writableEnded) break;
      const next = await iterator.next();
      if (next.done) break;
      if (!corked && socket && !socket.destroyed) {
        corked = true;
        socket.cork();
        setImmediate(uncork);
      }
      if (!response.write(next.value)) {
        uncork();
        await drained(response);
      }
    }
  } finally {
    await iterator.return?.();
    // Ended while still corked: the last frames and the end go out in the same write.
    if (!response.writableEnded) response.end();
    uncork();
  }
}
