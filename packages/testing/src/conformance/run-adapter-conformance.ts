import {
  GatewayError,
  type ChatRequest,
  type GenerateResult,
  type ProviderAdapter,
  type StreamPart,
  type Usage,
} from '@signalbox/core';
import { parseFaults } from '@signalbox/provider-mock';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FakeUpstream } from '../fake/fake-upstream.js';
import { collectStream, textOf } from '../helpers/collect-stream.js';
import { withTimeout } from '../helpers/with-timeout.js';
import {
  providerCall,
  tinyPngBase64,
  userText,
  weatherQuestion,
  weatherTool,
} from './conformance-requests.js';
import { streamProblems } from './stream-problems.js';

/** Model ids the suite calls; leave one out to skip its checks. Fault ids carry directives. */
export interface AdapterConformanceModels {
  /** A model that answers text (required). */
  text: string;
  /** A model that calls tools. */
  tools?: string;
  /** A model that accepts images. */
  images?: string;
  /** A model id whose upstream answers 429 (`gpt-4o-mini:status-429:retry-after-1`). */
  status429?: string;
  /** A model id whose upstream answers 500. */
  status500?: string;
  /** A model id whose upstream answers 400. */
  status400?: string;
  /** A model id whose upstream never answers (`:hang`). */
  hang?: string;
  /** A model id whose upstream drops the connection mid-stream (`:drop-2`). */
  dropMidStream?: string;
}

/** Options of `runAdapterConformance`. */
export interface AdapterConformanceOptions {
  /** Shown in the suite's title. */
  name: string;
  /**
   * Creates the adapter under test (once, before the suite), pointed at the fake upstream if there
   * is one.
   */
  createAdapter: () => ProviderAdapter | Promise<ProviderAdapter>;
  models: AdapterConformanceModels;
  /** The fake upstream the adapter talks to, if any: the abort checks then also wait for it to see the abort. */
  upstream?: FakeUpstream;
  /**
   * A setting the adapter cannot honour. Default `{ topK: 40 }`, checked leniently (warnings must
   * be an array); with `feature`, a warning for that feature is required.
   */
  unsupported?: { request: Partial<ChatRequest>; feature?: string };
  /** How soon an abort must take effect, in milliseconds; default 2000. */
  abortWithinMs?: number;
  /** Runs after the suite: close the adapter and the fake upstream. */
  teardown?: () => Promise<void>;
}

function expectUsage(usage: Usage): void {
  expect(typeof usage.inputTokens.total).toBe('number');
  expect(typeof usage.outputTokens.total).toBe('number');
}

function finishOf(parts: StreamPart[]): Extract<StreamPart, { type: 'finish' }> {
  const finish = parts.at(-1);
  if (finish?.type !== 'finish')
    throw new Error(`the stream ended with ${finish?.type ?? 'nothing'}, not finish`);
  return finish;
}

async function rejection(promise: Promise<unknown>): Promise<GatewayError> {
  const error = await promise.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  if (error === undefined) throw new Error('expected the call to reject, but it resolved');
  if (!GatewayError.isInstance(error)) throw new Error(`expected a GatewayError, got ${String(error)}`);
  return error;
}

async function until(condition: () => boolean, ms: number): Promise<boolean> {
  const deadline = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  return true;
}

/**
 * The provider adapter conformance suite: call it at the top level of a vitest file. It checks
 * `generate` and `stream` for text, tools, images, error mapping (`GatewayError` with status,
 * `isRetryable`, `retryAfter`), aborts, mid-stream failures (an `error` part, not a throw) and
 * warnings for unsupported settings.
 *
 * @example
 * ```ts
 * // my-provider.conformance.test.ts
 * import { createOpenAI } from '@signalbox/provider-openai';
 * import { runAdapterConformance, startFakeOpenAI } from '@signalbox/testing';
 *
 * const upstream = await startFakeOpenAI();
 * runAdapterConformance({
 *   name: 'openai',
 *   createAdapter: () => createOpenAI({ baseURL: upstream.baseURL, apiKey: 'sk-test' }),
 *   models: { text: 'gpt-4o-mini', status429: 'gpt-4o-mini:status-429:retry-after-1', hang: 'gpt-4o-mini:hang' },
 *   upstream,
 *   teardown: () => upstream.close(),
 * });
 * ```
 */
export function runAdapterConformance(options: AdapterConformanceOptions): void {
  const { models, upstream } = options;
  const abortWithin = options.abortWithinMs ?? 2000;
  let adapter: ProviderAdapter;
  const stream = async (modelId: string, request: Partial<ChatRequest> = {}) =>
    collectStream((await adapter.stream(providerCall(modelId, { ...request, stream: true }))).stream);

  describe(`adapter conformance: ${options.name}`, () => {
    beforeAll(async () => {
      adapter = await options.createAdapter();
    });
    afterAll(async () => {
      await options.teardown?.();
    });

    it('declares its specification version and name', () => {
      expect(adapter.specificationVersion).toBe('v1');
      expect(typeof adapter.name).toBe('string');
      expect(adapter.name.length).toBeGreaterThan(0);
    });

    describe('text', () => {
      it('generate answers text, finishReason stop, with usage', async () => {
        const result = await adapter.generate(providerCall(models.text));
        expect(textOf(result.content).length).toBeGreaterThan(0);
        expect(result.finishReason.unified).toBe('stop');
        expectUsage(result.usage);
        expect(Array.isArray(result.warnings)).toBe(true);
      });

      it('stream yields well-formed parts ending in one finish', async () => {
        const parts = await stream(models.text);
        expect(streamProblems(parts)).toEqual([]);
        expect(textOf(parts).length).toBeGreaterThan(0);
        const finish = finishOf(parts);
        expect(finish.finishReason.unified).toBe('stop');
        expectUsage(finish.usage);
      });
    });

    // A capability the adapter does not claim (no model id given) registers no tests for it.
    if (models.tools)
      describe('tools', () => {
        const model = models.tools ?? '';
        const ask = { messages: [userText(weatherQuestion)], tools: [weatherTool] };

        it('generate calls the tool with JSON input, finishReason tool-calls', async () => {
          const result = await adapter.generate(providerCall(model, ask));
          const call = result.content.find((part) => part.type === 'tool-call');
          expect(call?.toolName).toBe('get_weather');
          expect(typeof JSON.parse(call?.input ?? '')).toBe('object');
          expect(result.finishReason.unified).toBe('tool-calls');
        });

        it('answers with text after a tool result round trip', async () => {
          const first: GenerateResult = await adapter.generate(providerCall(model, ask));
          const call = first.content.find((part) => part.type === 'tool-call');
          if (!call) throw new Error('the model did not call the tool');
          const result = await adapter.generate(
            providerCall(model, {
              tools: [weatherTool],
              messages: [
                userText(weatherQuestion),
                { role: 'assistant', content: [call] },
                {
                  role: 'tool',
                  content: [{ type: 'tool-result', toolCallId: call.toolCallId, output: 'Sunny, 21 C' }],
                },
              ],
            }),
          );
          expect(textOf(result.content).length).toBeGreaterThan(0);
          expect(result.finishReason.unified).toBe('stop');
        });

        it('stream yields tool input parts and a tool-call, finishReason tool-calls', async () => {
          const parts = await stream(model, ask);
          expect(streamProblems(parts)).toEqual([]);
          const call = parts.find((part) => part.type === 'tool-call');
          expect(call?.toolName).toBe('get_weather');
          expect(typeof JSON.parse(call?.input ?? '')).toBe('object');
          expect(finishOf(parts).finishReason.unified).toBe('tool-calls');
        });
      });

    if (models.images)
      describe('images', () => {
        it('accepts an image in a user message', async () => {
          const messages = [
            {
              role: 'user' as const,
              content: [
                { type: 'text' as const, text: 'Describe this image in one word.' },
                {
                  type: 'image' as const,
                  source: { type: 'base64' as const, data: tinyPngBase64 },
                  mediaType: 'image/png',
                },
              ],
            },
          ];
          const result = await adapter.generate(providerCall(models.images ?? '', { messages }));
          expect(textOf(result.content).length).toBeGreaterThan(0);
        });
      });

    describe('errors', () => {
      const statuses = [
        { model: models.status429, status: 429, retryable: true },
        { model: models.status500, status: 500, retryable: true },
        { model: models.status400, status: 400, retryable: false },
      ];
      for (const { model, status, retryable } of statuses) {
        for (const method of ['generate', 'stream'] as const) {
          if (model)
            it(`${method} rejects an upstream ${status} with a GatewayError`, async () => {
              const error = await rejection(
                adapter[method](providerCall(model ?? '', { stream: method === 'stream' })),
              );
              if (status >= 500) expect(error.status).toBeGreaterThanOrEqual(500);
              else expect(error.status).toBe(status);
              expect(error.isRetryable).toBe(retryable);
              const sent = parseFaults(model ?? '').faults.retryAfter;
              if (sent !== undefined) expect(error.retryAfter).toBe(sent);
            });
        }
      }
    });

    if (models.hang)
      describe('abort', () => {
        for (const method of ['generate', 'stream'] as const) {
          it(`${method} settles within ${abortWithin} ms of an abort`, async () => {
            const controller = new AbortController();
            const abortedBefore = upstream?.counters.aborted ?? 0;
            const inFlightBefore = upstream?.counters.inFlight ?? 0;
            const call = providerCall(models.hang ?? '', { stream: method === 'stream' }, controller.signal);
            const settled = (async () => {
              if (method === 'generate') return void (await adapter.generate(call));
              for await (const _part of (await adapter.stream(call)).stream);
            })().catch(() => undefined);
            if (upstream) await until(() => upstream.counters.inFlight > inFlightBefore, abortWithin);
            else await new Promise((resolve) => setTimeout(resolve, 50));
            controller.abort();
            await withTimeout(
              settled,
              abortWithin,
              `${method} did not settle within ${abortWithin} ms of the abort`,
            );
            if (upstream) {
              const seen = await until(() => upstream.counters.aborted > abortedBefore, abortWithin);
              expect(seen, 'the upstream saw the request aborted').toBe(true);
            }
          });
        }
      });

    if (models.dropMidStream)
      describe('mid-stream failure', () => {
        it('a dropped stream yields an error part (no throw, no hang)', async () => {
          const result = await adapter.stream(
            providerCall(models.dropMidStream ?? '', {
              stream: true,
              messages: [
                userText('Please repeat these words back: one two three four five six seven eight nine ten'),
              ],
            }),
          );
          const parts = await withTimeout(
            collectStream(result.stream),
            5000,
            'the dropped stream did not end',
          );
          expect(parts.some((part) => part.type === 'error')).toBe(true);
          expect(parts.some((part) => part.type === 'finish')).toBe(false);
          expect(streamProblems(parts, { allowError: true })).toEqual([]);
        });
      });

    describe('warnings', () => {
      const unsupported = options.unsupported ?? { request: { topK: 40 } };
      const expectReported = (warnings: unknown) => {
        expect(Array.isArray(warnings)).toBe(true);
        if (unsupported.feature)
          expect(warnings).toContainEqual(expect.objectContaining({ feature: unsupported.feature }));
      };

      it('generate reports an unsupported setting in warnings', async () => {
        expectReported((await adapter.generate(providerCall(models.text, unsupported.request))).warnings);
      });

      it('stream reports it in stream-start', async () => {
        const parts = await stream(models.text, unsupported.request);
        const first = parts[0];
        expect(first?.type).toBe('stream-start');
        expectReported(first?.type === 'stream-start' ? first.warnings : undefined);
      });
    });
  });
}
