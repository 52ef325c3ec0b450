// A Koa 3 app as a user writes it, run from a fresh npm install of the packed tarballs.
import Koa from 'koa';
import mount from 'koa-mount';
import { auth } from '@signalbox/auth';
import { createGateway } from '@signalbox/core';
import { cost } from '@signalbox/cost';
import { koa as signalbox } from '@signalbox/koa';
import { metadata } from '@signalbox/metadata';
import { createMockProvider } from '@signalbox/provider-mock';
import { router } from '@signalbox/routing';

const key = process.env.SIGNALBOX_KEY;
const gateway = createGateway({
  providers: [createMockProvider()],
  use: [auth({ keys: [key] }), cost(), metadata(), router()],
});

const app = new Koa();
app.use(mount('/v1', signalbox(gateway)));
app.use(async (context) => {
  if (context.path === '/') context.body = { app: 'koa' };
});

const server = app.listen(0, '127.0.0.1', () => {
  console.log(`listening ${server.address().port}`);
});
process.on('SIGTERM', () => {
  server.close();
  void gateway.close();
});
