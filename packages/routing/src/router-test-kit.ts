/**
 * Test helpers for this package's tests (not exported): a gateway with mock providers and the
 * router, requests in both wire formats, and readers for JSON and SSE responses.
 */
import {
  createGateway,
  defineMiddleware,
  type GatewayContext,
  type GatewayHttpRequest,
  type GatewayHttpResponse,
  type GatewayMiddleware,
  type Principal,
} from '@signalbox/core';
import { createMockProvider } from '@signalbox/provider-mock';
import type { CatalogDefinition } from './catalog-schema.js';
import { router } from './router.js';
import type { RouterOptions } from './router-options.js';

/** A fake clock the tests move by hand. */
export function manualClock(start = 1_000_000) {
  return {
    time: start,
    now() {
      return this.time;
    },
  };
}

/** `acme/chat` is served by `primary` then `backup` (both mock providers); override per test. */
export function twoProviderCatalog(primaryModel = 'echo', backupModel = 'echo'): CatalogDefinition {
  return {
    models: [
      {
        id: 'acme/chat',
        name: 'Acme Chat',
        aliases: ['chat'],
        canonicalSlug: 'acme/chat-2025',
        contextLength: 128_000,
        providers: [
          {
            provider: 'primary',
            model: primaryModel,
            pricing: { prompt: '0.000002', completion: '0.000004' },
          },
          { provider: 'backup', model: backupModel, pricing: { prompt: '0.000001', completion: '0.000002' } },
        ],
      },
    ],
  };
}

/** A gateway with providers `mock`, `primary`, `backup` and the router; records sleeps and the context. */
export function setup(options: RouterOptions = {}, outer: GatewayMiddleware[] = []) {
  const mock = createMockProvider();
  const primary = createMockProvider({ name: 'primary' });
  const backup = createMockProvider({ name: 'backup' });
  const sleeps: number[] = [];
  const seen: { context?: GatewayContext } = {};
  const capture = defineMiddleware('capture', async (context: GatewayContext, next) => {
    seen.context = context;
    await next();
  });
  const gateway = createGateway({
    providers: [mock, primary, backup],
    use: [
      ...outer,
      capture,
      router({
        catalog: twoProviderCatalog(),
        random: () => 0.5,
        sleep: async (ms) => {
          sleeps.push(ms);
        },
        ...options,
      }),
    ],
  });
  return { gateway, mock, primary, backup, sleeps, seen };
}

/** A request to the gateway. */
export function httpRequest(
  path: string,
  body: unknown,
  extra: {
    headers?: Record<string, string>;
    signal?: AbortSignal;
    principal?: Principal;
    method?: string;
  } = {},
): GatewayHttpRequest {
  return {
    method: extra.method ?? 'POST',
    path,
    query: new URLSearchParams(),
    headers: { 'content-type': 'application/json', ...extra.headers },
    body: body === undefined ? undefined : new TextEncoder().encode(JSON.stringify(body)),
    signal: extra.signal ?? new AbortController().signal,
    ...(extra.principal && { principal: extra.principal }),
  };
}

/** An OpenAI chat body for `model`, with extra top-level fields. */
export function chat(model: string, fields: Record<string, unknown> = {}) {
  return { model, messages: [{ role: 'user', content: 'hello there' }], ...fields };
}

/** An Anthropic messages body for `model`, with extra top-level fields. */
export function message(model: string, fields: Record<string, unknown> = {}) {
  return { model, max_tokens: 50, messages: [{ role: 'user', content: 'hello there' }], ...fields };
}

/** The JSON body of a response. */
export function jsonOf(response: GatewayHttpResponse): Record<string, unknown> {
  if (response.body.type !== 'json') throw new Error(`expected json, got ${response.body.type}`);
  return response.body.value as Record<string, unknown>;
}

/** The whole SSE text of a response. */
export async function sseOf(response: GatewayHttpResponse): Promise<string> {
  if (response.body.type !== 'sse') throw new Error(`expected sse, got ${response.body.type}`);
  let text = '';
  for await (const frame of response.body.events) text += frame;
  return text;
}

/** `provider:status` for each recorded attempt. */
export function attemptSummary(context: GatewayContext | undefined): string[] {
  return (context?.attempts ?? []).map(
    (attempt) => `${attempt.provider}:${attempt.providerModelId}:${attempt.statusCode}`,
  );
}
