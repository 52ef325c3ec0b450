import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { type Faults, FlakyCounter } from '@signalbox/provider-mock';
import type { FakeUpstream, FakeUpstreamCounters, RecordedRequest } from './fake-upstream.js';

/** One request being answered by a fake server. */
export interface Exchange {
  readonly method: string;
  /** The path without the query string. */
  readonly path: string;
  /** The path with its query string, as requested (`/v1beta/models/m:streamGenerateContent?alt=sse`). */
  readonly url: string;
  /** Header names lower-case; repeated headers joined with `, `. */
  readonly headers: Record<string, string>;
  readonly rawBody: string;
  /** The parsed JSON body; undefined when the body was empty or not JSON (see `bodyIsJson`). */
  readonly body: unknown;
  readonly bodyIsJson: boolean;
  readonly response: ServerResponse;
  /** Aborted when the response closes: finished, client gone, socket destroyed, or server closing. */
  readonly signal: AbortSignal;
  /** The override set with `setFault`, if any. */
  readonly faultOverride: Faults | undefined;
  readonly flaky: FlakyCounter;
  /** Destroys the socket on purpose (a fault); not counted as a client abort. */
  destroy(): void;
}

/** Answers one exchange; a throw is answered with a plain 500 (or a destroyed socket once started). */
export type ExchangeHandler = (exchange: Exchange) => Promise<void>;

/** Hooks a provider-specific server adds to the generic one. */
export interface FakeServerHooks {
  /** Called by `reset()`, to forget provider state (cached prompts...). */
  onReset?: () => void;
}

function headersOf(request: IncomingMessage): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(request.headers)) {
    if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return headers;
}

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

function parseBody(rawBody: string): { body: unknown; bodyIsJson: boolean } {
  if (rawBody.trim() === '') return { body: undefined, bodyIsJson: false };
  try {
    return { body: JSON.parse(rawBody), bodyIsJson: true };
  } catch {
    return { body: undefined, bodyIsJson: false };
  }
}

/**
 * Starts a `node:http` server on `127.0.0.1`, port 0, that records requests, counts aborts and
 * in-flight requests, tracks sockets so `close()` leaves nothing behind, and hands each request
 * to `handler`.
 */
export async function startFakeServer(
  handler: ExchangeHandler,
  hooks: FakeServerHooks = {},
): Promise<FakeUpstream> {
  const requests: RecordedRequest[] = [];
  const counters: FakeUpstreamCounters = { requests: 0, aborted: 0, inFlight: 0 };
  const sockets = new Set<Socket>();
  const openResponses = new Set<Promise<void>>();
  const flaky = new FlakyCounter();
  let faultOverride: Faults | undefined;
  let closing = false;

  async function serve(
    request: IncomingMessage,
    response: ServerResponse,
    signal: AbortSignal,
    destroy: () => void,
  ) {
    const rawBody = await readBody(request);
    const { body, bodyIsJson } = parseBody(rawBody);
    const headers = headersOf(request);
    const url = request.url ?? '/';
    requests.push({
      method: request.method ?? 'GET',
      path: url,
      headers,
      body: bodyIsJson ? body : rawBody === '' ? undefined : rawBody,
    });
    await handler({
      method: request.method ?? 'GET',
      path: url.split('?')[0] ?? url,
      url,
      headers,
      rawBody,
      body,
      bodyIsJson,
      response,
      signal,
      faultOverride,
      flaky,
      destroy,
    });
  }

  const server = createServer((request, response) => {
    counters.requests += 1;
    counters.inFlight += 1;
    const controller = new AbortController();
    let destroyedOnPurpose = false;
    const destroy = () => {
      destroyedOnPurpose = true;
      response.destroy();
    };
    const closed = new Promise<void>((resolve) =>
      response.on('close', () => {
        counters.inFlight -= 1;
        if (!response.writableFinished && !destroyedOnPurpose && !closing) counters.aborted += 1;
        controller.abort();
        openResponses.delete(closed);
        resolve();
      }),
    );
    openResponses.add(closed);
    serve(request, response, controller.signal, destroy).catch((error: unknown) => {
      if (controller.signal.aborted) return;
      if (response.headersSent) {
        destroy();
        return;
      }
      response.writeHead(500, { 'content-type': 'text/plain' });
      response.end(`fake upstream failure: ${error instanceof Error ? error.message : String(error)}`);
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}`;

  return {
    url,
    baseURL: `${url}/v1`,
    requests,
    counters,
    setFault(faults?: Faults) {
      faultOverride = faults;
    },
    reset() {
      requests.length = 0;
      counters.requests = 0;
      counters.aborted = 0;
      faultOverride = undefined;
      flaky.reset();
      hooks.onReset?.();
    },
    async close() {
      if (closing) return;
      closing = true;
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      for (const socket of sockets) socket.destroy();
      server.closeAllConnections();
      await Promise.all([closed, ...openResponses]);
    },
  };
}
