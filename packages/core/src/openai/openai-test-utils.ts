/**
 * Helpers for this folder's tests: fixtures, SSE events from `*.chunks.txt`, encode options.
 * Not exported from the package.
 *
 * @module
 */
import { readFileSync } from 'node:fs';
import type { EncodeOptions } from '../gateway/client-codec.js';
import type { ResponseExtension } from '../gateway/context.js';
import type { SseEvent } from '../sse/parse-sse.js';
import type { ChatRequest } from '../spec/v1/chat-request.js';

const fixtures = new URL('./__fixtures__/', import.meta.url);

/** A JSON fixture, parsed. */
export function readFixture(name: string): Record<string, unknown> {
  return JSON.parse(readFileSync(new URL(name, fixtures), 'utf8')) as Record<string, unknown>;
}

/** The chunks of a `*.chunks.txt` fixture (one JSON chunk per line), parsed. */
export function readChunks(name: string): Array<Record<string, unknown>> {
  return readFileSync(new URL(name, fixtures), 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

/** The SSE events an upstream would send for a `*.chunks.txt` fixture, `[DONE]` included. */
export async function* chunkEvents(name: string, done = true): AsyncGenerator<SseEvent> {
  for (const chunk of readChunks(name)) yield { data: JSON.stringify(chunk) } as SseEvent;
  if (done) yield { data: '[DONE]' } as SseEvent;
}

/** An async iterable of the given values. */
export async function* fromArray<T>(values: readonly T[]): AsyncGenerator<T> {
  yield* values;
}

/** Everything an async iterable yields. */
export async function collect<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const values: T[] = [];
  for await (const value of iterable) values.push(value);
  return values;
}

/** The `data:` payloads of SSE frames, JSON-parsed except `[DONE]`. */
export function parseFrames(frames: readonly string[]): unknown[] {
  return frames.map((frame) => {
    if (!frame.startsWith('data: ') || !frame.endsWith('\n\n')) throw new Error(`Not an SSE frame: ${frame}`);
    const data = frame.slice(6, -2);
    return data === '[DONE]' ? data : JSON.parse(data);
  });
}

/** A minimal canonical request. */
export function chatRequest(overrides: Partial<ChatRequest> = {}): ChatRequest {
  return {
    model: 'gpt-4o-mini',
    messages: [{ role: 'user', content: [{ type: 'text', text: 'Hi' }] }],
    stream: false,
    ...overrides,
  };
}

/** Encode options with fixed id, model and time, and an extension (counting its evaluations). */
export function encodeOptions(
  extension: ResponseExtension = {},
  overrides: Partial<EncodeOptions> = {},
): EncodeOptions & { extendCalls: () => number } {
  let calls = 0;
  return {
    id: 'chatcmpl-test',
    model: 'openai/gpt-4o-mini',
    created: 1700000000,
    request: chatRequest(),
    includeUsage: false,
    extend: () => {
      calls += 1;
      return extension;
    },
    extendCalls: () => calls,
    ...overrides,
  };
}
