import {
  clientAbortSignal,
  DEFAULT_BODY_LIMIT,
  type Gateway,
  GatewayError,
  type GatewayHttpRequest,
  type GatewayHttpResponse,
  type Principal,
  parseByteSize,
  readNodeBody,
  toGatewayRequest,
  writeNodeResponse,
} from '@signalbox/core';
import type { Context, Middleware, Next } from 'koa';

/** Options of the Koa binding, {@link koa}. */
export interface KoaBindingOptions {
  /** Largest accepted request body, bytes or `'10mb'`; default 10 MB. Over it: 413. */
  bodyLimit?: number | string;
  /** Makes the host app's signed-in user the gateway principal (from its session, JWT...). */
  principal?: (context: Context) => Principal | undefined | Promise<Principal | undefined>;
}

/** A body a host body parser (koa-bodyparser, @koa/bodyparser) already read. */
function parsedBody(context: Context): GatewayHttpRequest['body'] {
  const body = (context.request as { body?: unknown }).body;
  if (body === undefined || !context.req.readableEnded) return undefined;
  return Buffer.isBuffer(body) ? new Uint8Array(body) : (body as object | string);
}

async function respond(context: Context, result: GatewayHttpResponse): Promise<void> {
  const body = result.body;
  if (body.type === 'sse') {
    // Server-sent events are written by the shared Node writer (as in the Express binding): frame
    // by frame with backpressure, stopping and aborting upstream when the client leaves. Koa's own
    // stream piping would report every client disconnect as a "Premature close" error.
    context.respond = false;
    context.req.socket.setNoDelay(true);
    await writeNodeResponse(context.res, result);
    return;
  }
  context.status = result.status;
  for (const [name, value] of Object.entries(result.headers)) context.set(name, value);
  if (body.type === 'json') context.body = body.value as object;
  else if (body.type === 'text') {
    context.type = body.contentType;
    context.body = body.value;
  } else context.body = null;
}

/**
 * Koa 3 binding: `app.use(mount('/v1', koa(gateway)))`. Reads the body itself (with a size
 * limit) unless a body parser already did, hands the request to the gateway and sets its answer
 * as the Koa response (JSON through `ctx.body`, so the app's middleware still applies; SSE written
 * event by event).
 *
 * @example
 * ```ts
 * import { createGateway } from '@signalbox/core';
 * import { koa as signalbox } from '@signalbox/koa';
 * import { createMockProvider } from '@signalbox/provider-mock';
 * import Koa from 'koa';
 * import mount from 'koa-mount';
 *
 * const gateway = createGateway({ providers: [createMockProvider()] });
 * const app = new Koa();
 * app.use(mount('/v1', signalbox(gateway, { bodyLimit: '10mb' })));
 * app.listen(3000);
 * ```
 */
export function koa(gateway: Gateway, options: KoaBindingOptions = {}): Middleware {
  const limit = parseByteSize(options.bodyLimit ?? DEFAULT_BODY_LIMIT);
  const resolvePrincipal = options.principal;

  return async function signalboxKoa(context: Context, _next: Next): Promise<void> {
    const signal = clientAbortSignal(context.res);
    let body = parsedBody(context);
    if (body === undefined && context.method !== 'GET' && context.method !== 'HEAD') {
      try {
        body = await readNodeBody(context.req, limit);
      } catch (error) {
        if (GatewayError.isInstance(error) && error.status === 413) context.set('connection', 'close');
        await respond(context, gateway.errorResponse(context.path, context.headers, error));
        return;
      }
    }
    const principal = resolvePrincipal ? await resolvePrincipal(context) : undefined;
    const result = await gateway.handle(
      toGatewayRequest({
        method: context.method,
        path: context.path,
        search: context.search,
        headers: context.headers,
        body,
        signal,
        native: context,
        ...(principal && { principal }),
      }),
    );
    await respond(context, result);
  };
}
