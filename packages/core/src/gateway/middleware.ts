import type { Middleware } from '../compose.js';
import type { GatewayContext, RouteContext } from './context.js';
import type { GatewayHttpResponse } from './http.js';
import type { WireFormat } from '../spec/v1/chat-request.js';

/** An extra HTTP route a middleware package serves under the gateway's mount (`GET /generation`). */
export interface Route {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** Path below the mount, e.g. `/generation`; `:name` segments match one path segment. */
  path: string;
  /** The error shape for failures on this route; default `openai`. */
  format?: WireFormat;
  /** Whether `scope: 'all'` middlewares (auth) run first; default true. */
  authenticated?: boolean;
  /** Answers the request; `params` holds the values of the `:name` path segments. */
  handler: (context: RouteContext, params: Record<string, string>) => Promise<GatewayHttpResponse>;
}

/** What a middleware can declare besides its function. */
export interface MiddlewareMeta {
  /**
   * `'all'`: also runs for the models list, token counting and extra routes (auth does);
   * default: only model calls.
   */
  scope?: 'all' | 'model-calls';
  /** Routes the middleware serves. */
  routes?: Route[];
  /** Called by `gateway.close()` (flush logs, close store connections). */
  close?: () => Promise<void>;
}

/** A model-call middleware, optionally with routes, scope and a close hook. */
export type GatewayMiddleware = Middleware<GatewayContext> & MiddlewareMeta;

/** A middleware that runs for every route; it sees only the `RouteContext`. */
export type RouteMiddleware = Middleware<RouteContext> & MiddlewareMeta & { scope: 'all' };

/**
 * Names a middleware function and attaches its metadata, as options factories return it:
 * `return defineMiddleware('cache', async function cache(ctx, next) {...}, { routes })`.
 */
export function defineMiddleware<C extends RouteContext = GatewayContext>(
  name: string,
  fn: Middleware<C>,
  meta: MiddlewareMeta = {},
): Middleware<C> & MiddlewareMeta {
  Object.defineProperty(fn, 'name', { value: name });
  return Object.assign(fn, meta);
}
