/**
 * Test helpers for this package's tests (not exported): in-process requests, SSE frames, a
 * principal-setting middleware, fixed clocks and ids.
 */
import {
  type CostInfo,
  createGateway,
  defineMiddleware,
  type GatewayMiddleware,
  type GatewayOptions,
  type GatewayHttpResponse,
  type Gateway,
  parseSse,
  type Principal,
  type ProviderAdapter,
  type ProviderMetadata,
  type RouteContext,
  type RouteMiddleware,
  type StreamPart,
  type Usage,
} from '@signalbox/core';
import { createMockProvider } from '@signalbox/provider-mock';
import { cost } from './cost.js';
import type { CostOptions } from './cost-options.js';
import { MemoryLedgerStore } from './ledger-store.js';

/** Sends one request to the gateway in-process. */
export function send(
  gateway: Gateway,
  method: string,
  path: string,
  options: { body?: Record<string, unknown>; headers?: Record<string, string>; signal?: AbortSignal } = {},
): Promise<GatewayHttpResponse> {
  const [pathname = path, search = ''] = path.split('?');
  return gateway.handle({
    method,
    path: pathname,
    query: new URLSearchParams(search),
    headers: { 'content-type': 'application/json', ...options.headers },
    body: options.body,
    signal: options.signal ?? new AbortController().signal,
  });
}

/** Sends one POST with a JSON body. */
export function post(
  gateway: Gateway,
  path: string,
  body: Record<string, unknown>,
  headers: Record<string, string> = {},
): Promise<GatewayHttpResponse> {
  return send(gateway, 'POST', path, { body, headers });
}

/** The JSON body of a plain response. */
export function jsonOf(response: GatewayHttpResponse): Record<string, unknown> {
  if (response.body.type !== 'json') throw new Error(`expected JSON, got ${response.body.type}`);
  return response.body.value as Record<string, unknown>;
}

/** One parsed SSE frame: its event name and its data (JSON, or the raw string such as `[DONE]`). */
export interface Frame {
  event: string | undefined;
  data: unknown;
}

/** Reads a streamed response to the end and parses its frames. */
export async function framesOf(response: GatewayHttpResponse): Promise<Frame[]> {
  if (response.body.type !== 'sse') throw new Error(`expected SSE, got ${response.body.type}`);
  let text = '';
  for await (const frame of response.body.events) text += frame;
  const frames: Frame[] = [];
  const body = (async function* once() {
    yield text;
  })();
  for await (const event of parseSse(body)) {
    let data: unknown = event.data;
    try {
      data = JSON.parse(event.data);
    } catch {
      // `[DONE]` stays a string
    }
    frames.push({ event: event.event, data });
  }
  return frames;
}

/** Narrows an unknown JSON value to an object (throws otherwise). */
export function record(value: unknown): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new Error(`expected an object, got ${JSON.stringify(value)}`);
  }
  return value as Record<string, unknown>;
}

/** The usage object of the OpenAI stream's usage chunk. */
export function usageChunk(frames: Frame[]): Record<string, unknown> {
  const chunk = frames
    .map((frame) => frame.data)
    .find((data) => typeof data === 'object' && record(data).usage);
  if (chunk === undefined) throw new Error('no usage chunk');
  return record(record(chunk).usage);
}

/** The data of the first event with that name (Anthropic streams). */
export function eventOf(frames: Frame[], name: string): Record<string, unknown> {
  const frame = frames.find((candidate) => candidate.event === name);
  if (!frame) throw new Error(`no ${name} event`);
  return record(frame.data);
}

/** A middleware setting the principal from `x-test-principal: <id>[:<project>]` (as host apps do). */
export function testPrincipal(extra: Partial<Principal> = {}): RouteMiddleware {
  return defineMiddleware<RouteContext>(
    'testPrincipal',
    async (context, next) => {
      const header = context.http.headers['x-test-principal'];
      if (header !== undefined) {
        const [id = '', projectId] = header.split(':');
        context.principal = { id, kind: 'key', ...(projectId && { projectId }), ...extra };
      }
      await next();
    },
    { scope: 'all' },
  ) as RouteMiddleware;
}

/** A clock the test moves by hand. */
export function manualClock(start = Date.UTC(2026, 4, 1, 12)) {
  let now = start;
  return {
    now: () => now,
    advance(ms: number) {
      now += ms;
    },
  };
}

let generation = 0;
/** Sequential ids (`gen_test_1`, ...; `chatcmpl-test`, `msg_test`). */
export const testIds = {
  generationId: () => {
    generation += 1;
    return `gen_test_${generation}`;
  },
  id: (prefix: string) => `${prefix}test`,
};

/** A logger that keeps quiet. */
export const quietLogger = { warn: () => {}, error: () => {} };

/**
 * A provider answering "ok" with a fixed usage and provider metadata, plain and streamed
 * (for cache read/write pricing without a real upstream).
 */
export function fixedUsageProvider(
  name: string,
  usage: Usage,
  providerMetadata?: ProviderMetadata,
): ProviderAdapter {
  const finishReason = { unified: 'stop' as const, raw: 'end_turn' };
  return {
    specificationVersion: 'v1',
    name,
    async generate() {
      return {
        content: [{ type: 'text', text: 'ok' }],
        finishReason,
        usage,
        warnings: [],
        response: { id: `${name}-1` },
        ...(providerMetadata && { providerMetadata }),
      };
    },
    async stream() {
      return {
        stream: (async function* parts(): AsyncGenerator<StreamPart> {
          yield { type: 'stream-start', warnings: [] };
          yield { type: 'response-metadata', id: `${name}-1` };
          yield { type: 'text-start', id: 't' };
          yield { type: 'text-delta', id: 't', delta: 'ok' };
          yield { type: 'text-end', id: 't' };
          yield { type: 'finish', finishReason, usage, ...(providerMetadata && { providerMetadata }) };
        })(),
      };
    },
  };
}

/** Renders `ctx.cost` into the usage when the response is encoded, as `@signalbox/metadata` does. */
export const costProbe = defineMiddleware('costProbe', async (context, next) => {
  context.extenders.push((current) => (current.cost ? { usage: { probe: current.cost } } : undefined));
  await next();
});

export function setup(
  options: CostOptions = {},
  inner: GatewayMiddleware[] = [],
  extra: Partial<GatewayOptions> = {},
) {
  const ledger = new MemoryLedgerStore();
  const mock = createMockProvider();
  const gateway = createGateway({
    providers: [mock, createMockProvider({ name: 'backup' })],
    use: [testPrincipal(), cost({ ledger, ...options }), costProbe, ...inner],
    logger: quietLogger,
    ...extra,
  });
  return { gateway, ledger, mock };
}

export const who = { 'x-test-principal': 'key_1:proj_1' };
export const openai = (content: string, more: Record<string, unknown> = {}) => ({
  model: 'mock/echo',
  messages: [{ role: 'user', content }],
  ...more,
});
export const anthropic = (content: string, more: Record<string, unknown> = {}) => ({
  model: 'mock/echo',
  max_tokens: 100,
  messages: [{ role: 'user', content }],
  ...more,
});

/** 'Hello there': 11 characters -> 3 input tokens; 'echo: Hello there' -> 3 output tokens. $1/M in, $2/M out. */
export const helloCost: CostInfo = {
  total: '0.000009',
  market: '0.000009',
  inference: '0.000009',
  input: '0.000003',
  output: '0.000006',
  cacheRead: '0',
  cacheWrite: '0',
  isByok: false,
  estimated: false,
};
