import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import type { ResponseBody } from './http-request.js';
import { releaseBody } from './release-body.js';

function bodyOf(stream: Readable): ResponseBody {
  return stream as unknown as ResponseBody;
}

describe('releaseBody', () => {
  it('destroys an unfinished body', () => {
    const stream = new Readable({ read() {} });
    releaseBody(bodyOf(stream));
    expect(stream.destroyed).toBe(true);
  });

  it('drains a logically complete body instead', async () => {
    const stream = new Readable({ read() {} });
    releaseBody(bodyOf(stream), { drain: true });
    expect(stream.destroyed).toBe(false);
    stream.push('tail');
    stream.push(null);
    await new Promise((resolve) => stream.once('end', resolve));
    expect(stream.readableEnded).toBe(true);
  });

  it('leaves an ended body alone', async () => {
    const stream = Readable.from(['x']);
    for await (const _chunk of stream) {
      // read to the end
    }
    releaseBody(bodyOf(stream));
    expect(stream.readableEnded).toBe(true);
  });
});

describe('releaseBody on an undici body', () => {
  it('destroys without an unhandled error event', async () => {
    const { createServer } = await import('node:http');
    const { request } = await import('undici');
    const server = createServer((_request, response) => {
      response.writeHead(200);
      response.write('partial');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const address = server.address();
    const port = typeof address === 'object' && address !== null ? address.port : 0;
    const response = await request(`http://127.0.0.1:${port}`);
    // Read as sseEventsFrom does: an iterator that leaves the body open when it stops.
    const iterator = response.body.iterator({ destroyOnReturn: false });
    await iterator.next();
    await iterator.return?.();
    releaseBody(response.body);
    const error = await new Promise((resolve) => {
      response.body.once('close', () => resolve(response.body.errored));
    });
    expect(response.body.destroyed).toBe(true);
    expect(error).toMatchObject({ code: 'UND_ERR_ABORTED' });
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });
});
