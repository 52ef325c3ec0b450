import type { Principal } from './principal.js';

/**
 * The framework-neutral HTTP request a binding (Express, Koa, or your own) hands the gateway.
 * Header names are lower-case.
 */
export interface GatewayHttpRequest {
  method: string;
  /** The path below the mount point, e.g. `/chat/completions` (a leading `/v1` is accepted too). */
  path: string;
  query: URLSearchParams;
  headers: Record<string, string | undefined>;
  /**
   * The body: raw bytes as read by the binding, or a value the host app's body parser already
   * produced (an object, or a string). `undefined` when there is none.
   */
  body: Uint8Array | string | object | undefined;
  /** Aborted when the client goes away. */
  signal: AbortSignal;
  /** The framework's own request object (Express `req`, Koa `ctx`), for principal resolvers. */
  native?: unknown;
  /** A principal the host app already established (its signed-in user); auth middlewares honour it. */
  principal?: Principal;
}

/** A response body: JSON, or server-sent events already encoded as frames. */
export type GatewayHttpBody =
  | { type: 'json'; value: unknown }
  | { type: 'sse'; events: AsyncIterable<string> }
  | { type: 'text'; value: string; contentType: string }
  | { type: 'empty' };

/**
 * The gateway's answer, framework-neutral: a status, headers and a JSON, SSE or empty body the
 * bindings write.
 */
export interface GatewayHttpResponse {
  status: number;
  headers: Record<string, string>;
  body: GatewayHttpBody;
}
