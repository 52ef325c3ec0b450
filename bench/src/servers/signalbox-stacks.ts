import { createServer, type Server } from 'node:http';
import { apiKeyAuth } from '@signalbox/auth';
import { createGateway, type Gateway, type GatewayMiddleware } from '@signalbox/core';
import { createExampleGateway, createExpressApp, createKoaApp, readConfig } from '@signalbox/example-gateway';
import { metadata } from '@signalbox/metadata';
import { createOpenAI } from '@signalbox/provider-openai';
import { BENCH_GATEWAY_KEY } from '../requests.js';
import { UPSTREAM_API_KEY } from './forward.js';

/** A Signalbox server (not listening yet) and how to close its gateway. */
export interface SignalboxStack {
  server: Server;
  close: () => Promise<void>;
}

const bodyLimit = '10mb';

/**
 * The example gateway's full composition (`pnpm start`: auth, limits, cost, cache, metadata,
 * prompt caching, router), in memory, with the fake upstream as OpenAI.
 */
export function createFullStack(framework: 'express' | 'koa', upstreamUrl: string): SignalboxStack {
  const config = readConfig({
    HOST: '127.0.0.1',
    PORT: '0',
    SIGNALBOX_FRAMEWORK: framework,
    SIGNALBOX_API_KEYS: BENCH_GATEWAY_KEY,
    OPENAI_API_KEY: UPSTREAM_API_KEY,
    OPENAI_BASE_URL: `${upstreamUrl}/v1`,
    // Limits on, counting every request, but far above what the benchmark sends.
    SIGNALBOX_RATE_LIMIT_RPM: '1000000000',
    SIGNALBOX_RATE_LIMIT_TPM: '1000000000000',
  });
  const example = createExampleGateway(config);
  // `pnpm start` mounts /metrics and /dashboard beside /v1; /metrics is kept (the dashboard serves
  // files next to its sources, which the compiled bench bundle does not carry).
  return serve(framework, example.gateway, { metrics: example.mounts.metrics });
}

/** The minimal stack: `createGateway` with only the OpenAI provider (core's default router). */
export function createMinimalStack(framework: 'express' | 'koa', upstreamUrl: string): SignalboxStack {
  const gateway = createGateway({
    providers: [createOpenAI({ apiKey: UPSTREAM_API_KEY, baseURL: `${upstreamUrl}/v1` })],
  });
  return serve(framework, gateway);
}

/**
 * A stack with the response cache, for when the example gateway does not wire it yet:
 * key auth, `responseCache()` from `@signalbox/cache` (imported at run time, so the bench still
 * runs while that package is unfinished), metadata.
 */
export async function createCacheStack(upstreamUrl: string): Promise<SignalboxStack> {
  const cache = (await import('@signalbox/cache')) as { responseCache?: () => GatewayMiddleware };
  if (typeof cache.responseCache !== 'function') throw new Error('@signalbox/cache has no responseCache()');
  const gateway = createGateway({
    providers: [createOpenAI({ apiKey: UPSTREAM_API_KEY, baseURL: `${upstreamUrl}/v1` })],
    use: [apiKeyAuth({ keys: [BENCH_GATEWAY_KEY] }), cache.responseCache(), metadata()],
  });
  return serve('koa', gateway);
}

function serve(
  framework: 'express' | 'koa',
  gateway: Gateway,
  mounts: Parameters<typeof createKoaApp>[2] = {},
): SignalboxStack {
  const server =
    framework === 'koa'
      ? createServer(createKoaApp(gateway, { bodyLimit }, mounts).callback())
      : createServer(createExpressApp(gateway, { bodyLimit }, mounts));
  return { server, close: () => gateway.close() };
}
