/**
 * A second gateway process for the shared-Redis test: builds a gateway with the response cache on
 * a Redis store, sends the request given in argv once, prints `{status, calls, text}` as JSON and
 * exits. Run with tsx: `tsx redis-gateway-process.ts <redisUrl> <prefix> <content>`.
 */
import { createGateway } from '@signalbox/core';
import { createMockProvider } from '@signalbox/provider-mock';
import { Redis } from 'ioredis';
import { RedisCacheStore } from '../redis-cache-store.js';
import { responseCache } from '../response-cache.js';

const [url = '', prefix = '', content = ''] = process.argv.slice(2);
const redis = new Redis(url, { maxRetriesPerRequest: 1 });
const mock = createMockProvider();
const store = new RedisCacheStore({ sendCommand: (...args) => redis.call(args[0] as string, ...args.slice(1)), prefix });
const gateway = createGateway({ providers: [mock], use: [responseCache({ store })] });
const response = await gateway.handle({
  method: 'POST',
  path: '/v1/chat/completions',
  query: new URLSearchParams(),
  headers: { 'content-type': 'application/json', 'x-signalbox-cache': 'true' },
  body: { model: 'mock/echo', messages: [{ role: 'user', content }] },
  signal: new AbortController().signal,
});
const body = response.body.type === 'json' ? (response.body.value as { choices: Array<{ message: { content: string } }> }) : undefined;
process.stdout.write(
  JSON.stringify({
    status: response.headers['x-signalbox-cache-status'],
    calls: mock.calls.length,
    text: body?.choices[0]?.message.content,
  }),
);
await gateway.close();
redis.disconnect();
