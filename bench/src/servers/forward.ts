import type { IncomingMessage } from 'node:http';
import { Pool } from 'undici';

/** The key the fake upstream expects (`startFakeOpenAI`'s default). */
export const UPSTREAM_API_KEY = 'sk-test';

/** What a forwarding baseline got back from the upstream, body unread. */
export interface Forwarded {
  status: number;
  contentType: string;
  body: NodeJS.ReadableStream;
}

/** A forwarder of `POST /v1/chat/completions` to the upstream over one undici `Pool`. */
export interface Forwarder {
  forward(body: Buffer, signal?: AbortSignal): Promise<Forwarded>;
  close(): Promise<void>;
}

/**
 * The baselines' whole "gateway": the raw request body sent as it is to the upstream with the
 * provider key, through an undici `Pool` (keep-alive, unlimited connections, pipelining 1, as
 * the Signalbox adapters' `Agent`). No parsing, no validation, no features.
 */
export function createForwarder(upstreamUrl: string): Forwarder {
  const pool = new Pool(upstreamUrl, { pipelining: 1, keepAliveTimeout: 30_000 });
  const headers = { 'content-type': 'application/json', authorization: `Bearer ${UPSTREAM_API_KEY}` };
  return {
    async forward(body, signal) {
      const response = await pool.request({
        path: '/v1/chat/completions',
        method: 'POST',
        headers,
        body,
        ...(signal && { signal }),
      });
      const type = response.headers['content-type'];
      return {
        status: response.statusCode,
        contentType: typeof type === 'string' ? type : 'application/json',
        body: response.body,
      };
    },
    close: () => pool.close(),
  };
}

/** Reads a request body into one buffer (the baselines have no size limit: it is a benchmark). */
export function readBody(request: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => resolve(chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks)));
    request.on('error', reject);
  });
}

/** The path the baselines serve, below their `/v1` mount. */
export const CHAT_PATH = '/chat/completions';
