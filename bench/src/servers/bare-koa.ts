import { createServer, type Server } from 'node:http';
import type { Readable } from 'node:stream';
import Koa from 'koa';
import mount from 'koa-mount';
import { CHAT_PATH, createForwarder, readBody } from './forward.js';

/**
 * The bare Koa 3 baseline: a Koa app with the same mount as the Signalbox binding
 * (`mount('/v1', ...)`), reading the raw body itself and forwarding it with undici; the
 * upstream's body stream becomes the Koa body.
 */
export function createBareKoa(upstreamUrl: string): { server: Server; close: () => Promise<void> } {
  const forwarder = createForwarder(upstreamUrl);
  const app = new Koa();
  app.use(
    mount('/v1', async (context, next) => {
      if (context.method !== 'POST' || context.path !== CHAT_PATH) return next();
      const controller = new AbortController();
      context.res.once('close', () => {
        if (!context.res.writableFinished) controller.abort();
      });
      try {
        const upstream = await forwarder.forward(await readBody(context.req), controller.signal);
        context.status = upstream.status;
        context.type = upstream.contentType;
        // Koa destroys the body when the client leaves; the aborted upstream body then errors.
        upstream.body.on('error', () => {});
        context.body = upstream.body as Readable;
      } catch {
        // A client that left (the end of a load run) aborts its upstream call: nothing to answer.
        context.status = 502;
      }
    }),
  );
  return { server: createServer(app.callback()), close: () => forwarder.close() };
}
