import { Agent, type Dispatcher } from 'undici';

/** Options of {@link createHttpClient}. Times are in milliseconds. */
export interface HttpClientOptions {
  /** Most sockets per origin; default unlimited. */
  connections?: number;
  /** How long an idle keep-alive socket is kept; default 30 s (a server's `Keep-Alive` hint wins when shorter). */
  keepAliveTimeout?: number;
  /** Time to establish a connection (TCP and TLS); default 10 s. */
  connectTimeout?: number;
  /** Time from sending the request to the response headers; default 10 min (a long non-streamed answer). */
  headersTimeout?: number;
  /** Longest pause between two chunks of the response body; default 10 min. */
  bodyTimeout?: number;
  /** Use this dispatcher instead of creating an `Agent` (a proxy agent, a mock agent in tests). */
  dispatcher?: Dispatcher;
}

/** An undici dispatcher shared by the calls of one or more adapters. */
export interface HttpClient {
  readonly dispatcher: Dispatcher;
  /** Closes the client's sockets when it created its own `Agent`; a no-op for a given dispatcher. */
  close(): Promise<void>;
}

/** The defaults of {@link createHttpClient}, in milliseconds. */
export const HTTP_CLIENT_DEFAULTS = {
  keepAliveTimeout: 30_000,
  connectTimeout: 10_000,
  headersTimeout: 600_000,
  bodyTimeout: 600_000,
} as const;

/**
 * Creates the HTTP client adapters send their requests with: an undici `Agent` with keep-alive
 * and pipelining 1 (one request per socket at a time; model calls are long), used with
 * `undici.request` rather than the global `fetch`, which costs about 0.27 ms more per request.
 *
 * @example
 * const client = createHttpClient({ connections: 128, connectTimeout: 5_000 });
 * const openai = createOpenAI({ apiKey, httpClient: client });
 */
export function createHttpClient(options: HttpClientOptions = {}): HttpClient {
  if (options.dispatcher) {
    const dispatcher = options.dispatcher;
    return { dispatcher, close: async () => {} };
  }
  const agent = new Agent({
    pipelining: 1,
    keepAliveTimeout: options.keepAliveTimeout ?? HTTP_CLIENT_DEFAULTS.keepAliveTimeout,
    headersTimeout: options.headersTimeout ?? HTTP_CLIENT_DEFAULTS.headersTimeout,
    bodyTimeout: options.bodyTimeout ?? HTTP_CLIENT_DEFAULTS.bodyTimeout,
    connect: { timeout: options.connectTimeout ?? HTTP_CLIENT_DEFAULTS.connectTimeout },
    ...(options.connections !== undefined && { connections: options.connections }),
  });
  let closed: Promise<void> | undefined;
  return {
    dispatcher: agent,
    close() {
      closed ??= agent.close();
      return closed;
    },
  };
}

/** Time limits of an adapter's own HTTP client, in milliseconds. */
export interface ProviderTimeouts {
  /** Establishing a connection (TCP and TLS); default 10 s. */
  connect?: number;
  /** From the request to the response headers; default 10 min. */
  headers?: number;
  /** Longest pause between two chunks of the body; default 10 min. */
  body?: number;
}

/**
 * The client an adapter uses: the shared `httpClient` it was given (never closed by the
 * adapter), or its own one with `timeouts`. `close` closes only a client the adapter owns.
 */
export function resolveHttpClient(options: { httpClient?: HttpClient; timeouts?: ProviderTimeouts }): {
  /** The client to send requests with. */
  client: HttpClient;
  /** Closes the client if the adapter created it; does nothing for a shared one. */
  close: () => Promise<void>;
} {
  if (options.httpClient) return { client: options.httpClient, close: async () => {} };
  const timeouts = options.timeouts ?? {};
  const client = createHttpClient({
    ...(timeouts.connect !== undefined && { connectTimeout: timeouts.connect }),
    ...(timeouts.headers !== undefined && { headersTimeout: timeouts.headers }),
    ...(timeouts.body !== undefined && { bodyTimeout: timeouts.body }),
  });
  return { client, close: () => client.close() };
}
