import { createApp } from './app.js';

const app = createApp({
  gatewayKeys: (process.env.SIGNALBOX_API_KEYS ?? 'sk-sb-dev-key-please-change').split(','),
});
const port = Number(process.env.PORT ?? 3001);
app.listen(port, '127.0.0.1', () => console.log(`koa app on http://127.0.0.1:${port} (gateway at /v1)`));
