import { createServer, type Server } from 'node:http';
import type { Gateway } from '@signalbox/core';
import { express as signalboxExpress } from '@signalbox/express';
import { koa as signalboxKoa } from '@signalbox/koa';
import express from 'express';
import Koa from 'koa';
import mount from 'koa-mount';
import type { GatewayConfig } from './config.js';

/** The example gateway as an Express 5 app: the API at `/v1`, a health check at `/healthz`. */
export function createExpressApp(
  gateway: Gateway,
  config: Pick<GatewayConfig, 'bodyLimit'>,
): express.Express {
  const app = express();
  app.disable('x-powered-by');
  app.get('/healthz', (_request, response) => {
    response.json({ ok: true });
  });
  app.use('/v1', signalboxExpress(gateway, { bodyLimit: config.bodyLimit }));
  return app;
}

/** The same gateway as a Koa 3 app. */
export function createKoaApp(gateway: Gateway, config: Pick<GatewayConfig, 'bodyLimit'>): Koa {
  const app = new Koa();
  app.use(async (context, next) => {
    if (context.path === '/healthz') context.body = { ok: true };
    else await next();
  });
  app.use(mount('/v1', signalboxKoa(gateway, { bodyLimit: config.bodyLimit })));
  return app;
}

/** A Node server for the configured framework (not listening yet). */
export function createAppServer(gateway: Gateway, config: GatewayConfig): Server {
  return config.framework === 'koa'
    ? createServer(createKoaApp(gateway, config).callback())
    : createServer(createExpressApp(gateway, config));
}
