import { createServer, type Server } from 'node:http';
import type { Gateway } from '@signalbox/core';
import { express as signalboxExpress } from '@signalbox/express';
import { koa as signalboxKoa } from '@signalbox/koa';
import express from 'express';
import Koa from 'koa';
import mount from 'koa-mount';
import { type NodeHandler, toKoa } from '@signalbox/observability';
import type { Dashboard } from '@signalbox/dashboard';
import type { GatewayConfig } from './config.js';

/** Pages mounted beside the API, both behind the admin key: Prometheus `/metrics`, the `/dashboard`. */
export interface AppMounts {
  metrics?: NodeHandler;
  dashboard?: Dashboard;
}

/** The example gateway as an Express 5 app: the API at `/v1`, a health check at `/healthz`. */
export function createExpressApp(
  gateway: Gateway,
  config: Pick<GatewayConfig, 'bodyLimit'>,
  mounts: AppMounts = {},
): express.Express {
  const app = express();
  app.disable('x-powered-by');
  app.get('/healthz', (_request, response) => {
    response.json({ ok: true });
  });
  app.use('/v1', signalboxExpress(gateway, { bodyLimit: config.bodyLimit }));
  if (mounts.metrics) app.use('/metrics', mounts.metrics);
  if (mounts.dashboard) app.use(mounts.dashboard.basePath, mounts.dashboard.express());
  return app;
}

/** The same gateway as a Koa 3 app. */
export function createKoaApp(
  gateway: Gateway,
  config: Pick<GatewayConfig, 'bodyLimit'>,
  mounts: AppMounts = {},
): Koa {
  const app = new Koa();
  app.use(async (context, next) => {
    if (context.path === '/healthz') context.body = { ok: true };
    else await next();
  });
  app.use(mount('/v1', signalboxKoa(gateway, { bodyLimit: config.bodyLimit })));
  if (mounts.metrics) app.use(mount('/metrics', toKoa(mounts.metrics)));
  if (mounts.dashboard) app.use(mount(mounts.dashboard.basePath, mounts.dashboard.koa()));
  return app;
}

/** A Node server for the configured framework (not listening yet). */
export function createAppServer(gateway: Gateway, config: GatewayConfig, mounts: AppMounts = {}): Server {
  return config.framework === 'koa'
    ? createServer(createKoaApp(gateway, config, mounts).callback())
    : createServer(createExpressApp(gateway, config, mounts));
}
