import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import Anthropic from '@anthropic-ai/sdk';
import { expect, it } from 'vitest';
import { createApp } from './app.js';

it('serves the app and the gateway side by side', async () => {
  const server = createServer(createApp({ gatewayKeys: ['sk-sb-koa-key-0001'] }).callback()).listen(
    0,
    '127.0.0.1',
  );
  await new Promise((resolve) => server.once('listening', resolve));
  try {
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    expect(await (await fetch(url)).json()).toEqual({ app: 'koa', gateway: '/v1' });
    const client = new Anthropic({ apiKey: 'sk-sb-koa-key-0001', baseURL: url, maxRetries: 0 });
    const message = await client.messages.create({
      model: 'mock/echo',
      max_tokens: 20,
      messages: [{ role: 'user', content: 'from koa' }],
    });
    expect(message.content[0]).toEqual({ type: 'text', text: 'echo: from koa' });
  } finally {
    server.close();
  }
});
