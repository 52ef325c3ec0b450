import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { sseFrame, sseJson } from '@signalbox/core';
import { parseFaults } from '@signalbox/provider-mock';
import type { FakeUpstream, FakeUpstreamCounters } from '../fake/fake-upstream.js';
import { openAIChunks, openAICompletion, type OpenAIReplyOptions } from './openai-reply.js';

/** The fixed answer of the fast mode. */
export const FAST_REPLY_TEXT = 'Hello from the fast fake upstream.';

/** Pre-rendered answers for one model name. */
interface Rendered {
  json: Buffer;
  frames: string[];
  framesWithUsage: string[];
}

const RESPONSE_HEADERS = {
  'content-type': 'application/json',
  'x-request-id': 'req_fast',
  'openai-processing-ms': '1',
  'openai-version': '2020-10-01',
};
const STREAM_HEADERS = {
  'content-type': 'text/event-stream; charset=utf-8',
  'cache-control': 'no-cache',
  'x-request-id': 'req_fast',
  'openai-version': '2020-10-01',
};
const MAX_RENDERED_MODELS = 64;

function render(model: string, created: number): Rendered {
  const options: OpenAIReplyOptions = {
    id: 'chatcmpl-fast000001',
    created,
    model,
    n: 1,
    reply: { type: 'text', text: FAST_REPLY_TEXT, finish: 'stop' },
    promptTokens: 8,
  };
  const frames = (includeUsage: boolean) =>
    openAIChunks(options, includeUsage).map((frame) =>
      frame.data === '[DONE]' ? sseFrame('[DONE]') : sseJson(frame.data),
    );
  return {
    json: Buffer.from(JSON.stringify(openAICompletion(options))),
    frames: frames(false),
    framesWithUsage: frames(true),
  };
}

/** The fields of a request body the fast mode reads; anything else is ignored. */
interface FastRequest {
  model?: unknown;
  stream?: unknown;
  stream_options?: { include_usage?: unknown } | null;
}

function parse(raw: string): FastRequest | undefined {
  try {
    const value: unknown = JSON.parse(raw);
    return typeof value === 'object' && value !== null ? (value as FastRequest) : undefined;
  } catch {
    return undefined;
  }
}

function sendError(response: ServerResponse, status: number, message: string): void {
  const text = JSON.stringify({ error: { message, type: 'invalid_request_error', param: null, code: null } });
  response.writeHead(status, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(text),
  });
  response.end(text);
}

/** Writes the frames, waiting `dripMs` between them; stops when the client goes away. */
function writeFrames(response: ServerResponse, frames: string[], dripMs: number): void {
  response.writeHead(200, STREAM_HEADERS);
  if (dripMs <= 0) {
    response.end(frames.join(''));
    return;
  }
  let index = 0;
  let timer: NodeJS.Timeout | undefined;
  const next = () => {
    if (response.destroyed) return;
    const frame = frames[index];
    index += 1;
    if (frame === undefined) {
      response.end();
      return;
    }
    response.write(frame);
    timer = setTimeout(next, dripMs);
  };
  response.once('close', () => clearTimeout(timer));
  next();
}

/**
 * The fast mode of `startFakeOpenAI` (`{ fast: true }`), for benchmarks: every
 * `POST /v1/chat/completions` with the right key gets one fixed, pre-rendered completion (or
 * stream, with `drip-<ms>` in the model id honoured) with as little work as possible. Nothing is
 * validated or recorded (`requests` stays empty), other fault directives and `setFault` are
 * ignored; only the counters are kept.
 */
export async function startFastOpenAI(options: {
  apiKey?: string;
  now?: () => number;
}): Promise<FakeUpstream> {
  const expectedAuthorization = `Bearer ${options.apiKey ?? 'sk-test'}`;
  const created = Math.floor((options.now ?? Date.now)() / 1000);
  const counters: FakeUpstreamCounters = { requests: 0, aborted: 0, inFlight: 0 };
  const rendered = new Map<string, Rendered>();
  const sockets = new Set<Socket>();

  function renderedFor(model: string): Rendered {
    let entry = rendered.get(model);
    if (!entry) {
      if (rendered.size >= MAX_RENDERED_MODELS) rendered.clear();
      entry = render(model, created);
      rendered.set(model, entry);
    }
    return entry;
  }

  function answer(request: IncomingMessage, response: ServerResponse, raw: string): void {
    if (request.headers.authorization !== expectedAuthorization) {
      sendError(response, 401, 'Incorrect API key provided.');
      return;
    }
    if (request.method !== 'POST' || request.url?.split('?')[0] !== '/v1/chat/completions') {
      sendError(response, 404, `Invalid URL (${request.method} ${request.url})`);
      return;
    }
    const body = parse(raw);
    if (!body) {
      sendError(response, 400, 'We could not parse the JSON body of your request.');
      return;
    }
    const { base, faults } = parseFaults(typeof body.model === 'string' ? body.model : 'gpt-4o-mini');
    const entry = renderedFor(base);
    if (body.stream === true) {
      const includeUsage = body.stream_options?.include_usage === true;
      writeFrames(response, includeUsage ? entry.framesWithUsage : entry.frames, faults.dripMs ?? 0);
      return;
    }
    response.writeHead(200, { ...RESPONSE_HEADERS, 'content-length': entry.json.byteLength });
    response.end(entry.json);
  }

  const server = createServer((request, response) => {
    counters.requests += 1;
    counters.inFlight += 1;
    response.once('close', () => {
      counters.inFlight -= 1;
      if (!response.writableFinished) counters.aborted += 1;
    });
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const raw = chunks.length === 1 ? (chunks[0] as Buffer).toString() : Buffer.concat(chunks).toString();
      answer(request, response, raw);
    });
  });
  server.keepAliveTimeout = 60_000;
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
  let closing: Promise<void> | undefined;
  return {
    url,
    baseURL: `${url}/v1`,
    requests: [],
    counters,
    setFault() {},
    reset() {
      counters.requests = 0;
      counters.aborted = 0;
    },
    close() {
      closing ??= new Promise<void>((resolve) => {
        server.close(() => resolve());
        for (const socket of sockets) socket.destroy();
        server.closeAllConnections();
      });
      return closing;
    },
  };
}
