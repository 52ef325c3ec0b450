import type { IncomingMessage, ServerResponse } from 'node:http';

/**
 * A plain Node HTTP handler, the shape both frameworks accept without glue in Express
 * (`app.use('/metrics', handler)`) and with `toKoa` in Koa. It calls `next` when the request is
 * not its own (another path or method).
 */
export type NodeHandler = (
  request: IncomingMessage,
  response: ServerResponse,
  next?: (error?: unknown) => void,
) => Promise<void>;

/** The part of a Koa context `toKoa` needs (no Koa dependency). */
export interface KoaLikeContext {
  req: IncomingMessage;
  res: ServerResponse;
  respond?: boolean;
}

/**
 * Adapts a `NodeHandler` to a Koa middleware: Koa leaves the response to the handler
 * (`ctx.respond = false`), or goes on with `next()` when the handler passes.
 *
 * @example
 * ```ts
 * app.use(mount('/metrics', toKoa(metricsHandler(metrics, { adminKey }))));
 * ```
 */
export function toKoa(
  handler: NodeHandler,
): (context: KoaLikeContext, next: () => Promise<unknown>) => Promise<void> {
  return async function koaHandler(context, next) {
    let passed = false;
    let failure: unknown;
    await handler(context.req, context.res, (error) => {
      passed = true;
      failure = error;
    });
    if (failure !== undefined) throw failure;
    if (passed) {
      await next();
      return;
    }
    context.respond = false;
  };
}

/** Sends a small complete response. */
export function sendText(
  response: ServerResponse,
  status: number,
  body: string,
  headers: Record<string, string> = {},
): void {
  response.writeHead(status, {
    'content-type': 'text/plain; charset=utf-8',
    'cache-control': 'no-store',
    'content-length': String(Buffer.byteLength(body)),
    ...headers,
  });
  response.end(body);
}
