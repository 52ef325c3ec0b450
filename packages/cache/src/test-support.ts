/**
 * Test helpers for this package's tests (not exported): in-process requests, SSE reading, a
 * manual clock, a recording logger.
 */
import {
  type Clock,
  type Gateway,
  type GatewayHttpResponse,
  type Principal,
  parseSse,
} from '@signalbox/core';

/** Options of {@link post}. */
export interface PostOptions {
  headers?: Record<string, string>;
  signal?: AbortSignal;
  principal?: Principal;
}

/** Sends one POST to the gateway in-process (an object body, or raw text for key-order tests). */
export function post(
  gateway: Gateway,
  path: string,
  body: Record<string, unknown> | string,
  options: PostOptions = {},
): Promise<GatewayHttpResponse> {
  return gateway.handle({
    method: 'POST',
    path,
    query: new URLSearchParams(),
    headers: { 'content-type': 'application/json', ...options.headers },
    body: typeof body === 'string' ? new TextEncoder().encode(body) : body,
    signal: options.signal ?? new AbortController().signal,
    ...(options.principal && { principal: options.principal }),
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

/** The text of OpenAI chunks (`choices[0].delta.content`) or Anthropic `text_delta` events. */
export function streamedText(frames: readonly Frame[]): string {
  let text = '';
  for (const frame of frames) {
    if (typeof frame.data !== 'object' || frame.data === null) continue;
    const data = frame.data as Record<string, unknown>;
    const choices = data.choices;
    if (Array.isArray(choices)) {
      const delta = (choices[0] as { delta?: { content?: unknown } } | undefined)?.delta;
      if (typeof delta?.content === 'string') text += delta.content;
    }
    const delta = data.delta as { type?: string; text?: unknown } | undefined;
    if (
      data.type === 'content_block_delta' &&
      delta?.type === 'text_delta' &&
      typeof delta.text === 'string'
    ) {
      text += delta.text;
    }
  }
  return text;
}

/** A clock tests move by hand. */
export class ManualClock implements Clock {
  constructor(private time = 1_700_000_000_000) {}
  now(): number {
    return this.time;
  }
  advance(ms: number): void {
    this.time += ms;
  }
}

/** A logger that keeps what it was told. */
export function recordingLogger(): {
  warn(message: string, details?: Record<string, unknown>): void;
  warnings: string[];
} {
  const warnings: string[] = [];
  return { warnings, warn: (message) => warnings.push(message) };
}

/** A user principal for tests. */
export function user(id: string, projectId?: string): Principal {
  return { id, kind: 'user', ...(projectId !== undefined && { projectId }) };
}

/** Resolves after the current macrotask queue, so fire-and-forget work can finish. */
export function tick(ms = 0): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
