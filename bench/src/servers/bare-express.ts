import { createServer, type Server } from 'node:http';
import { pipeline } from 'node:stream';
import express from 'express';
import { CHAT_PATH, createForwarder, readBody } from './forward.js';

/**
 * The bare Express 5 baseline: an Express app with the same mount as the Signalbox binding
 * (`app.use('/v1', handler)`), reading the raw body itself (no `express.json()`) and forwarding
 * it with undici, as the plain proxy does.
 */
export function createBareExpress(upstreamUrl: string): { server: Server; close: () => Promise<void> } {
  const forwarder = createForwarder(upstreamUrl);
  const app = express();
  app.disable('x-powered-by');
  app.use('/v1', async (request, response, next) => {
    if (request.method !== 'POST' || request.path !== CHAT_PATH) return next();
    const controller = new AbortController();
    response.once('close', () => {
      if (!response.writableFinished) controller.abort();
    });
    try {
      const upstream = await forwarder.forward(await readBody(request), controller.signal);
      response.status(upstream.status).setHeader('content-type', upstream.contentType);
      pipeline(upstream.body, response, () => {});
    } catch {
      if (!response.headersSent) response.status(502);
      response.end();
    }
  });
  return { server: createServer(app), close: () => forwarder.close() };
}
