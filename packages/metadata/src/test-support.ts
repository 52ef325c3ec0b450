/**
 * Test helpers for this package's tests (not exported): in-process requests, SSE frame
 * collection, and hand-built metadata sources.
 */
import {
  type Attempt,
  createGateway,
  type Gateway,
  type GatewayHttpResponse,
  type GatewayMiddleware,
  type GatewayOptions,
  parseSse,
} from '@signalbox/core';
import { createMockProvider } from '@signalbox/provider-mock';
import type { MetadataSource } from './metadata-source.js';

/** Sends one POST to the gateway in-process. */
export function post(
  gateway: Gateway,
  path: string,
  body: Record<string, unknown>,
  headers: Record<string, string> = {},
): Promise<GatewayHttpResponse> {
  return gateway.handle({
    method: 'POST',
    path,
    query: new URLSearchParams(),
    headers: { 'content-type': 'application/json', ...headers },
    body,
    signal: new AbortController().signal,
  });
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

/** Reads a streamed response to the end, as the client would receive the text, and parses the frames. */
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

/** Narrows an unknown JSON value to an object (throws otherwise), for reading nested paths in tests. */
export function record(value: unknown): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new Error(`expected an object, got ${JSON.stringify(value)}`);
  }
  return value as Record<string, unknown>;
}

/** `choices[0]` of an OpenAI body or chunk. */
export function firstChoice(body: unknown): Record<string, unknown> {
  const choices = record(body).choices;
  if (!Array.isArray(choices)) throw new Error('no choices');
  return record(choices[0]);
}

/** An attempt with defaults (a successful system-credential call to `mock/echo`). */
export function attempt(overrides: Partial<Attempt> = {}): Attempt {
  return {
    model: 'mock/echo',
    provider: 'mock',
    providerModelId: 'echo',
    credentialType: 'system',
    startTime: 1000,
    endTime: 1010,
    success: true,
    statusCode: 200,
    ...overrides,
  };
}

/** A hand-built metadata source: a direct call to `mock/echo` unless overridden. */
export function source(overrides: Partial<MetadataSource> = {}): MetadataSource {
  return {
    request: { model: 'mock/echo', messages: [], stream: false },
    generationId: 'gen_test',
    attempts: [attempt()],
    resolved: { model: 'mock/echo', provider: 'mock', providerModelId: 'echo' },
    ...overrides,
  };
}

/** A fixed clock, so attempt times can be compared exactly. */
export const fixed = { now: () => 1_000 };
/** Fixed ids (`gen_test`, `chatcmpl-test`, `msg_test`). */
export const ids = { generationId: () => 'gen_test', id: (prefix: string) => `${prefix}test` };

/** A gateway with `mock` and `backup` mock providers and the given middlewares, in-process. */
export function gatewayWith(use: GatewayMiddleware[], extra: Partial<GatewayOptions> = {}) {
  return createGateway({
    providers: [createMockProvider(), createMockProvider({ name: 'backup' })],
    use,
    clock: fixed,
    ids,
    logger: { warn: () => {}, error: () => {} },
    ...extra,
  });
}

/** A chat completions request body for `mock/echo`; streamed with usage when asked. */
export const openaiBody = (stream = false) => ({
  model: 'mock/echo',
  messages: [{ role: 'user', content: 'hello there' }],
  ...(stream && { stream: true, stream_options: { include_usage: true } }),
});
/** A messages request body for `mock/echo`. */
export const anthropicBody = (stream = false) => ({
  model: 'mock/echo',
  max_tokens: 50,
  messages: [{ role: 'user', content: 'hello there' }],
  ...(stream && { stream: true }),
});

/** The JSON chunks of an OpenAI stream (without `[DONE]`). */
export function chunks(frames: Frame[]): Record<string, unknown>[] {
  return frames.filter((frame) => frame.data !== '[DONE]').map((frame) => record(frame.data));
}

/** The data of the first event with that name (Anthropic streams). */
export function eventOf(frames: Frame[], name: string): Record<string, unknown> {
  const frame = frames.find((candidate) => candidate.event === name);
  if (!frame) throw new Error(`no ${name} event`);
  return record(frame.data);
}

/** `choices[0]` of a chunk, or an empty object for the usage chunk (`choices: []`). */
export function firstChoiceOrEmpty(chunk: Record<string, unknown>): Record<string, unknown> {
  return Array.isArray(chunk.choices) && chunk.choices.length > 0 ? firstChoice(chunk) : {};
}
