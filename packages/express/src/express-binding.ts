import {
  clientAbortSignal,
  DEFAULT_BODY_LIMIT,
  type Gateway,
  GatewayError,
  type GatewayHttpRequest,
  type Principal,
  parseByteSize,
  readNodeBody,
  toGatewayRequest,
  writeNodeResponse,
} from '@signalbox/core';
import type { NextFunction, Request, RequestHandler, Response } from 'express';

/** Options of the Express binding, {@link express}. */
export interface ExpressBindingOptions {
  /** Largest accepted request body, bytes or `'10mb'`; default 10 MB. Over it: 413. */
  bodyLimit?: number | string;
  /** Makes the host app's signed-in user the gateway principal (from its session, JWT...). */
  principal?: (request: Request) => Principal | undefined | Promise<Principal | undefined>;
}

/** True when a host body parser (express.json()) already consumed and parsed the body. */
function parsedBody(request: Request): GatewayHttpRequest['body'] {
  const body: unknown = request.body;
  if (body === undefined || !request.readableEnded) return undefined;
  return Buffer.isBuffer(body) ? new Uint8Array(body) : (body as object | string);
}

/**
 * Express 5 binding: `app.use('/v1', express(gateway))`. Reads the body itself (with a size
 * limit) unless the host app already parsed it, hands the request to the gateway and writes its
 * answer, streaming SSE events as they come. A client that disconnects aborts the upstream call.
 *
 * @example
 * ```ts
 * import { createGateway } from '@signalbox/core';
 * import { express as signalbox } from '@signalbox/express';
 * import { createMockProvider } from '@signalbox/provider-mock';
 * import express from 'express';
 *
 * const gateway = createGateway({ providers: [createMockProvider()] });
 * const app = express();
 * app.get('/', (_request, response) => response.send('my app')); // the app's own routes stay
 * app.use('/v1', signalbox(gateway, {
 *   bodyLimit: '10mb',
 *   // the app's signed-in user becomes the gateway principal (set by the app's own auth)
 *   principal: (request) => (request.user ? { id: request.user.id, kind: 'user' } : undefined),
 * }));
 * app.listen(3000);
 * ```
 */
export function express(gateway: Gateway, options: ExpressBindingOptions = {}): RequestHandler {
  const limit = parseByteSize(options.bodyLimit ?? DEFAULT_BODY_LIMIT);
  const resolvePrincipal = options.principal;

  return async function signalboxExpress(
    request: Request,
    response: Response,
    next: NextFunction,
  ): Promise<void> {
    try {
      const signal = clientAbortSignal(response);
      const url = request.url;
      const question = url.indexOf('?');
      const path = question >= 0 ? url.slice(0, question) : url;
      let body = parsedBody(request);
      if (body === undefined && request.method !== 'GET' && request.method !== 'HEAD') {
        try {
          body = await readNodeBody(request, limit);
        } catch (error) {
          // Answered in the endpoint's own shape; an oversized body's connection is not reused.
          if (GatewayError.isInstance(error) && error.status === 413)
            response.setHeader('connection', 'close');
          await writeNodeResponse(response, gateway.errorResponse(path, request.headers, error));
          return;
        }
      }
      const principal = resolvePrincipal ? await resolvePrincipal(request) : undefined;
      const result = await gateway.handle(
        toGatewayRequest({
          method: request.method,
          path,
          search: question >= 0 ? url.slice(question) : '',
          headers: request.headers,
          body,
          signal,
          native: request,
          ...(principal && { principal }),
        }),
      );
      await writeNodeResponse(response, result);
    } catch (error) {
      next(error);
    }
  };
}
