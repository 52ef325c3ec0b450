// An Express 5 app as a user writes it, run from a fresh npm install of the packed tarballs:
// the app's own route, the gateway at /v1 with several middlewares, the dashboard at /dashboard.
import express from 'express';
import { auth } from '@signalbox/auth';
import { responseCache } from '@signalbox/cache';
import { createGateway } from '@signalbox/core';
import { cost } from '@signalbox/cost';
import { dashboard } from '@signalbox/dashboard';
import { express as signalbox } from '@signalbox/express';
import { metadata } from '@signalbox/metadata';
import { requestLog } from '@signalbox/observability';
import { createMockProvider } from '@signalbox/provider-mock';
import { router } from '@signalbox/routing';

const key = process.env.SIGNALBOX_KEY;
const adminKey = 'pack-install-admin-key-0001';
const log = requestLog({ adminKey });
const gateway = createGateway({
  providers: [createMockProvider()],
  use: [auth({ keys: [key] }), log, cost(), responseCache(), metadata(), router()],
});
const board = dashboard({ logStore: log.store, adminKey });

const app = express();
app.get('/', (_request, response) => {
  response.json({ app: 'express' });
});
app.use('/v1', signalbox(gateway));
app.use(board.basePath, board.express());

const server = app.listen(0, '127.0.0.1', () => {
  console.log(`listening ${server.address().port}`);
});
process.on('SIGTERM', () => {
  server.close();
  void gateway.close();
});
