// Type-checked in a fresh install (moduleResolution node16 and bundler): the typed API a user
// writes against, with no `any` leaking out of the published .d.ts files.
import { auth } from '@signalbox/auth';
import { type CacheStore, MemoryCacheStore, responseCache } from '@signalbox/cache';
import { RedisCacheStore } from '@signalbox/cache/redis';
import {
  type ChatRequest,
  createGateway,
  defineMiddleware,
  type Gateway,
  GatewayError,
  type GatewayMiddleware,
} from '@signalbox/core';
import { cost } from '@signalbox/cost';
import { express as signalboxExpress } from '@signalbox/express';
import { koa as signalboxKoa } from '@signalbox/koa';
import { metadata } from '@signalbox/metadata';
import { createMockProvider } from '@signalbox/provider-mock';
import { createOpenAI } from '@signalbox/provider-openai';
import { router } from '@signalbox/routing';
import { startFakeOpenAI } from '@signalbox/testing/upstreams';
import express, { type RequestHandler } from 'express';
import Koa from 'koa';
import mount from 'koa-mount';

type IsAny<T> = 0 extends 1 & T ? true : false;
/** Fails to compile when `T` is `any`. */
export function notAny<T>(value: T, ..._proof: IsAny<T> extends true ? [never] : []): T {
  return value;
}

const timing: GatewayMiddleware = defineMiddleware('timing', async (context, next) => {
  const started = Date.now();
  await next();
  context.responseHeaders['x-took-ms'] = String(Date.now() - started);
});

export const gateway: Gateway = notAny(
  createGateway({
    providers: [createMockProvider(), createOpenAI({ apiKey: 'sk-test' })],
    use: [auth({ keys: ['sk-sb-test'] }), timing, cost(), responseCache(), metadata(), router()],
  }),
);

export const cacheStore: CacheStore = new MemoryCacheStore();
export const redisStore: CacheStore = new RedisCacheStore({ sendCommand: async () => null });

const handler: RequestHandler = notAny(signalboxExpress(gateway, { bodyLimit: '1mb' }));
export const expressApp = express().use('/v1', handler);
export const koaApp = new Koa().use(mount('/v1', notAny(signalboxKoa(gateway))));

export const request: ChatRequest = {
  model: 'mock/echo',
  stream: false,
  messages: [{ role: 'user', content: [{ type: 'text', text: 'Hello' }] }],
};
export const retryable: boolean = new GatewayError('slow down', { status: 429 }).isRetryable;
export const fake = notAny(startFakeOpenAI);
