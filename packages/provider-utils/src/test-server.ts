import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

/** A request the test server received. */
export interface ReceivedRequest {
  method: string;
  url: string;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** A local HTTP server for this package's tests (not exported by the package). */
export interface TestServer {
  url: string;
  requests: ReceivedRequest[];
  /** Requests whose client closed the connection before the response finished. */
  aborted: number;
  /** Connections accepted so far (to check keep-alive reuse). */
  connections: number;
  close(): Promise<void>;
}

/** Starts a server on 127.0.0.1 answering with `handler`. */
export async function startTestServer(
  handler: (request: ReceivedRequest, response: ServerResponse, raw: IncomingMessage) => void | Promise<void>,
): Promise<TestServer> {
  const sockets = new Set<Socket>();
  const state: TestServer = {
    url: '',
    requests: [],
    aborted: 0,
    connections: 0,
    close: async () => {},
  };
  const server = createServer(async (request, response) => {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const received = {
      method: request.method ?? 'GET',
      url: request.url ?? '/',
      headers: request.headers,
      body: Buffer.concat(chunks).toString('utf8'),
    };
    state.requests.push(received);
    response.on('close', () => {
      if (!response.writableFinished) state.aborted += 1;
    });
    await handler(received, response, request);
  });
  server.on('connection', (socket) => {
    state.connections += 1;
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  state.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  state.close = () =>
    new Promise<void>((resolve) => {
      for (const socket of sockets) socket.destroy();
      server.close(() => resolve());
    });
  return state;
}
