import { apiKeyAuth } from '@signalbox/auth';
import { createGateway } from '@signalbox/core';
import { koa as signalbox } from '@signalbox/koa';
import { createMockProvider } from '@signalbox/provider-mock';
import Koa from 'koa';
import mount from 'koa-mount';

/** A Koa 3 app with its own routes and the gateway mounted at /v1. */
export function createApp(options: { gatewayKeys: string[] }): Koa {
  const gateway = createGateway({
    providers: [createMockProvider()],
    use: [apiKeyAuth({ keys: options.gatewayKeys })],
  });
  const app = new Koa();
  app.use(async (context, next) => {
    const started = Date.now();
    await next();
    context.set('x-response-time', `${Date.now() - started}ms`); // the app's own middleware still applies
  });
  app.use(mount('/v1', signalbox(gateway)));
  app.use(async (context) => {
    if (context.path === '/') context.body = { app: 'koa', gateway: '/v1' };
  });
  return app;
}
