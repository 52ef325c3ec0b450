import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { sseJson } from '@signalbox/core';
import type { FakeUpstream, FakeUpstreamCounters, RecordedRequest } from '@signalbox/testing/upstreams';
// The fault grammar (`:status-429:retry-after-1`, `:hang`, `:drop-2`...) shared by every fake upstream.
import { type Faults, FlakyCounter, parseFaults } from '@signalbox/testing/upstreams';
import { cohereChatResponse, cohereStreamEvents, decideReply, promptTokens } from './fake-cohere-reply.js';
import { validateCohereRequest } from './fake-cohere-validate.js';

/** Options of {@link startFakeCohere}. */
export interface FakeCohereOptions {
  /** The key requests must carry as `Authorization: Bearer`; default `co-test`. */
  apiKey?: string;
  /** Model names listed by `GET /v1/models`. */
  models?: string[];
}

/** A fake Cohere API. `url` and `baseURL` are both the root (Cohere's base URL has no version). */
export interface FakeCohere extends FakeUpstream {
  /** TCP connections accepted so far (to check that keep-alive sockets are reused). */
  readonly connections: number;
}

/** Fault-directive statuses in Cohere's error shape. */
function statusMessage(status: number, model: string, retryAfter: number | undefined): string {
  switch (status) {
    case 400:
      return `invalid request: fake fault for model '${model}'.`;
    case 401:
      return 'invalid api token';
    case 404:
      return `model '${model}' not found, make sure the correct model ID was used and that you have access to the model.`;
    case 422:
      return `invalid request: fake unprocessable request for model '${model}'.`;
    case 429:
      return `You are using a Trial key, which is limited to 20 API calls / minute. Please try again in ${retryAfter ?? 60} seconds.`;
    case 500:
      return 'internal server error, this has been reported to our developers';
    case 503:
      return 'service unavailable, please try again later';
    default:
      return `fake upstream fault: status ${status} for model '${model}'`;
  }
}

const notJson = '<html><body>502 Bad Gateway (not JSON)</body></html>';
const badEvent = 'event: content-delta\ndata: {"type":"content-delta","index":0,"delta":\n\n';

function headersOf(request: IncomingMessage): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(request.headers))
    if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(', ') : value;
  return headers;
}

function waitForAbort(signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) resolve();
    else signal.addEventListener('abort', () => resolve(), { once: true });
  });
}

async function pause(ms: number, signal: AbortSignal): Promise<boolean> {
  try {
    await sleep(ms, undefined, { signal });
    return true;
  } catch {
    return false;
  }
}

/** One request being answered. */
interface Exchange {
  response: ServerResponse;
  signal: AbortSignal;
  headers: Record<string, string>;
  /** Destroys the socket on purpose (a fault), not counted as a client abort. */
  destroy(): void;
}

function sendJson(
  exchange: Exchange,
  status: number,
  body: unknown,
  extra: Record<string, string> = {},
): void {
  const text = JSON.stringify(body);
  exchange.response.writeHead(status, {
    'content-type': 'application/json',
    'content-length': String(Buffer.byteLength(text)),
    ...exchange.headers,
    ...extra,
  });
  exchange.response.end(text);
}

/** A 200 JSON body, spoiled by `bad-json`, `drop-<n>` (half, then a reset) or `truncate` (half). */
function sendResult(exchange: Exchange, body: unknown, faults: Faults): void {
  const { response } = exchange;
  const text = JSON.stringify(body);
  const half = text.slice(0, Math.floor(text.length / 2));
  const head = { 'content-type': 'application/json', ...exchange.headers };
  if (faults.badJson) return void response.writeHead(200, head).end(notJson);
  if (faults.dropAfter !== undefined) {
    response.writeHead(200, { ...head, 'content-length': String(Buffer.byteLength(text)) });
    return void response.write(half, () => exchange.destroy());
  }
  if (faults.truncate) return void response.writeHead(200, head).end(half);
  sendJson(exchange, 200, body);
}

/** Writes the stream's events one at a time, with the stream faults. */
async function sendStream(exchange: Exchange, events: ReturnType<typeof cohereStreamEvents>, faults: Faults) {
  const { response, signal } = exchange;
  response.writeHead(200, {
    'content-type': 'text/event-stream',
    'cache-control': 'no-cache',
    connection: 'keep-alive',
    ...exchange.headers,
  });
  response.flushHeaders();
  const flush = (text: string) => new Promise<void>((resolve) => response.write(text, () => resolve()));
  let written = 0;
  let content = 0;
  for (const event of events) {
    if (signal.aborted) return;
    if (event.kind === 'final' && faults.truncate) continue;
    const drop = faults.dropAfter;
    if (drop !== undefined && (event.kind === 'final' || (event.kind === 'content' && content >= drop)))
      return exchange.destroy();
    if (faults.dripMs && written > 0 && !(await pause(faults.dripMs, signal))) return;
    await flush(sseJson(event.data, event.data.type));
    written += 1;
    if (event.kind === 'content') content += 1;
    if (written === 1 && faults.badJson) await flush(badEvent);
  }
  if (!signal.aborted) response.end();
}

/**
 * Starts a fake Cohere v2 Chat API on `127.0.0.1`, port 0, with plain `node:http`:
 * `POST /v2/chat` (JSON or SSE with `stream: true`) and `GET /v1/models`. It checks the
 * `Authorization: Bearer` key (401 `invalid api token`), validates bodies as the real API
 * documents them (400 `{message}`), replies deterministically (`echo: <last user text>`, a call
 * to the first tool when the user asks about the weather, `tool said: ...` after tool results),
 * and fails on demand through the fault directives of the model id
 * (`command-a-03-2025:status-429:retry-after-1`) or `setFault`. It counts requests, aborts and
 * connections, and `close()` leaves nothing running.
 */
export async function startFakeCohere(options: FakeCohereOptions = {}): Promise<FakeCohere> {
  const apiKey = options.apiKey ?? 'co-test';
  const models = options.models ?? ['command-a-03-2025', 'command-r7b-12-2024'];
  const requests: RecordedRequest[] = [];
  const counters: FakeUpstreamCounters = { requests: 0, aborted: 0, inFlight: 0 };
  const sockets = new Set<Socket>();
  const open = new Set<Promise<void>>();
  const flaky = new FlakyCounter();
  let override: Faults | undefined;
  let closing = false;
  let sequence = 0;
  let connections = 0;

  async function chat(exchange: Exchange, body: unknown, isJson: boolean): Promise<void> {
    if (!isJson) return sendJson(exchange, 400, { message: 'invalid request: body must be valid JSON.' });
    const modelId =
      typeof body === 'object' && body !== null ? (body as { model?: unknown }).model : undefined;
    const { base: model, faults: fromModel } = parseFaults(typeof modelId === 'string' ? modelId : '');
    const faults = { ...fromModel, ...override };
    if (faults.reset) return exchange.destroy();
    if (faults.hang) return waitForAbort(exchange.signal);
    if (faults.delayMs !== undefined && !(await pause(faults.delayMs, exchange.signal))) return;
    const status = flaky.next(String(modelId), faults) ?? faults.status;
    if (status !== undefined && status >= 400) {
      const extra: Record<string, string> =
        faults.retryAfter === undefined ? {} : { 'retry-after': String(faults.retryAfter) };
      return sendJson(exchange, status, { message: statusMessage(status, model, faults.retryAfter) }, extra);
    }
    const checked = validateCohereRequest(body);
    if ('error' in checked) return sendJson(exchange, 400, { message: checked.error });
    const request = checked.request;
    const id = `00000000-fake-4000-8000-${String(sequence).padStart(12, '0')}`;
    const reply = decideReply(request);
    const inputTokens = promptTokens(request);
    if (request.stream) return sendStream(exchange, cohereStreamEvents(reply, id, inputTokens), faults);
    sendResult(exchange, cohereChatResponse(reply, id, inputTokens), faults);
  }

  async function serve(request: IncomingMessage, exchange: Exchange): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks).toString('utf8');
    let body: unknown;
    let isJson = false;
    try {
      body = raw.trim() === '' ? undefined : JSON.parse(raw);
      isJson = body !== undefined;
    } catch {
      body = undefined;
    }
    const method = request.method ?? 'GET';
    const path = request.url ?? '/';
    const headers = headersOf(request);
    requests.push({ method, path, headers, body: isJson ? body : raw === '' ? undefined : raw });
    sequence += 1;
    exchange.headers['x-debug-trace-id'] = `fake-trace-${String(sequence).padStart(6, '0')}`;
    const authorization = headers.authorization;
    if (!authorization) return sendJson(exchange, 401, { message: 'no api key supplied' });
    if (authorization.replace(/^Bearer\s+/i, '') !== apiKey)
      return sendJson(exchange, 401, { message: 'invalid api token' });
    const route = path.split('?')[0];
    if (method === 'POST' && route === '/v2/chat') return chat(exchange, body, isJson);
    if (method === 'GET' && route === '/v1/models') {
      const list = models.map((name) => ({
        name,
        endpoints: ['generate', 'chat'],
        finetuned: false,
        context_length: 256000,
      }));
      return sendJson(exchange, 200, { models: list, next_page_token: null });
    }
    sendJson(exchange, 404, { message: `no route for ${method} ${route}` });
  }

  const server = createServer((request, response) => {
    counters.requests += 1;
    counters.inFlight += 1;
    const controller = new AbortController();
    let destroyedOnPurpose = false;
    const exchange: Exchange = {
      response,
      signal: controller.signal,
      headers: {},
      destroy() {
        destroyedOnPurpose = true;
        response.destroy();
      },
    };
    const closed = new Promise<void>((resolve) =>
      response.on('close', () => {
        counters.inFlight -= 1;
        if (!response.writableFinished && !destroyedOnPurpose && !closing) counters.aborted += 1;
        controller.abort();
        open.delete(closed);
        resolve();
      }),
    );
    open.add(closed);
    serve(request, exchange).catch((error: unknown) => {
      if (controller.signal.aborted) return;
      if (response.headersSent) return exchange.destroy();
      response.writeHead(500, { 'content-type': 'text/plain' });
      response.end(`fake upstream failure: ${error instanceof Error ? error.message : String(error)}`);
    });
  });
  server.on('connection', (socket) => {
    connections += 1;
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    url,
    baseURL: url,
    requests,
    counters,
    get connections() {
      return connections;
    },
    setFault(faults?: Faults) {
      override = faults;
    },
    reset() {
      requests.length = 0;
      counters.requests = 0;
      counters.aborted = 0;
      override = undefined;
      flaky.reset();
      sequence = 0;
    },
    async close() {
      if (closing) return;
      closing = true;
      const stopped = new Promise<void>((resolve) => server.close(() => resolve()));
      for (const socket of sockets) socket.destroy();
      server.closeAllConnections();
      await Promise.all([stopped, ...open]);
    },
  };
}
