import { createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { writeNodeResponse } from './write-response.js';

describe('writeNodeResponse', () => {
  it('stops streaming and ends the iterator when the client leaves while the next frame is produced', async () => {
    let finalized = false;
    async function* events() {
      try {
        for (;;) {
          yield 'data: {}\n\n';
          await new Promise((resolve) => setTimeout(resolve, 40)); // the client leaves during this wait
        }
      } finally {
        finalized = true;
      }
    }
    let written: Promise<void> | undefined;
    const server = createServer((_req, res) => {
      written = writeNodeResponse(res, { status: 200, headers: {}, body: { type: 'sse', events: events() } });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    await new Promise<void>((resolve) => {
      const req = request({ port, host: '127.0.0.1', path: '/' }, (res) => {
        res.once('data', () => {
          req.destroy();
          resolve();
        });
      });
      req.end();
    });
    await written;
    expect(finalized).toBe(true);
    server.close();
  });

  it('stops streaming and ends the iterator when the client goes away under backpressure', async () => {
    let finalized = false;
    let produced = 0;
    const big = `data: ${'x'.repeat(64 * 1024)}\n\n`;
    async function* events() {
      try {
        for (;;) {
          produced += 1;
          yield big; // large frames fill the socket buffer: write() returns false
          await new Promise((resolve) => setTimeout(resolve, 1));
        }
      } finally {
        finalized = true;
      }
    }
    let written: Promise<void> | undefined;
    const server = createServer((_req, res) => {
      written = writeNodeResponse(res, { status: 200, headers: {}, body: { type: 'sse', events: events() } });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    await new Promise<void>((resolve) => {
      const req = request({ port, host: '127.0.0.1', path: '/' }, (res) => {
        res.pause(); // read nothing: the server hits backpressure
        setTimeout(() => {
          req.destroy();
          resolve();
        }, 100);
      });
      req.end();
    });
    await written;
    expect(finalized).toBe(true);
    expect(produced).toBeGreaterThan(0);
    server.close();
  });

  /**
   * Serves `events` through `writeNodeResponse`, counting the socket's writes (`_write`/`_writev`
   * calls), and reads the whole body; `onChunk` sees the text received so far.
   */
  async function streamThroughSocket(
    events: AsyncIterable<string>,
    onChunk: (received: string) => void = () => {},
  ): Promise<{ text: string; socketWrites: number }> {
    let socketWrites = 0;
    let written: Promise<void> | undefined;
    const server = createServer((_req, res) => {
      const socket = res.socket as unknown as Record<'_write' | '_writev', (...args: unknown[]) => unknown>;
      for (const method of ['_write', '_writev'] as const) {
        const original = socket[method].bind(socket);
        socket[method] = (...args: unknown[]) => {
          socketWrites += 1;
          return original(...args);
        };
      }
      written = writeNodeResponse(res, { status: 200, headers: {}, body: { type: 'sse', events } });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    const text = await new Promise<string>((resolve) => {
      const req = request({ port, host: '127.0.0.1', path: '/' }, (res) => {
        let received = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          received += chunk;
          onChunk(received);
        });
        res.on('end', () => resolve(received));
      });
      req.end();
    });
    await written;
    server.close();
    return { text, socketWrites };
  }

  it('sends the frames of one event-loop turn in one socket write, and a later frame at once', async () => {
    let secondProduced = false;
    let firstSeenBeforeSecond: boolean | undefined;
    async function* events() {
      for (let index = 0; index < 5; index += 1) yield `data: ${index}\n\n`; // all in one turn
      await new Promise((resolve) => setTimeout(resolve, 60));
      secondProduced = true;
      yield 'data: late\n\n';
    }
    const { text, socketWrites } = await streamThroughSocket(events(), (received) => {
      if (received.includes('data: 0') && firstSeenBeforeSecond === undefined)
        firstSeenBeforeSecond = !secondProduced;
    });
    expect(text).toBe('data: 0\n\ndata: 1\n\ndata: 2\n\ndata: 3\n\ndata: 4\n\ndata: late\n\n');
    expect(firstSeenBeforeSecond).toBe(true);
    // Headers and the first five frames in one write, then the late frame and the end.
    expect(socketWrites).toBeLessThanOrEqual(3);
  });

  it('sends a stream that is ready at once (headers, frames, end) in one socket write', async () => {
    async function* events() {
      for (let index = 0; index < 8; index += 1) yield `data: ${index}\n\n`;
    }
    const { text, socketWrites } = await streamThroughSocket(events());
    expect(text).toBe(Array.from({ length: 8 }, (_, index) => `data: ${index}\n\n`).join(''));
    expect(socketWrites).toBe(1);
  });

  it('writes JSON with a content length', async () => {
    const server = createServer((_req, res) => {
      void writeNodeResponse(res, {
        status: 201,
        headers: { 'x-a': '1' },
        body: { type: 'json', value: { ok: true } },
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    const response = await fetch(`http://127.0.0.1:${port}/`);
    expect(response.status).toBe(201);
    expect(response.headers.get('content-length')).toBe('11');
    expect(await response.json()).toEqual({ ok: true });
    server.close();
  });
});
