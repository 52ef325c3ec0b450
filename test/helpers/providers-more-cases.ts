import type { FakeUpstream } from '@signalbox/testing';
import { expect } from 'vitest';
import { type Ask, type Driver, failureOf, type Mode, type ToolCallSeen } from './matrix-clients.js';
import { clientAbort, upstreamDrop } from './matrix-failure-cases.js';
import { PIXEL_PNG } from './start.js';

/** One cell of the Bedrock / Azure rows of the matrix. */
export interface ProviderCell {
  driver: Driver;
  brokenDriver: Driver;
  model: string;
  target: 'bedrock' | 'azure';
  mode: Mode;
  upstream: FakeUpstream;
}

type Json = Record<string, unknown>;

export const weatherTool = {
  name: 'get_weather',
  description: 'Current weather for a city',
  schema: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
};
export const FINISH = {
  openai: { stop: 'stop', length: 'length', tool: 'tool_calls', filter: 'content_filter' },
  anthropic: { stop: 'end_turn', length: 'max_tokens', tool: 'tool_use', filter: 'refusal' },
} as const;

function lastRequest(cell: ProviderCell) {
  const request = cell.upstream.requests.at(-1);
  if (!request) throw new Error('the upstream received no request');
  return { ...request, body: request.body as Json };
}

/** Text and tool blocks of the last upstream request, whatever its format. */
function sentMessages(cell: ProviderCell): Json[] {
  return lastRequest(cell).body.messages as Json[];
}

function usageOf(cell: ProviderCell, usage: Json | undefined): Json {
  if (cell.driver.format === 'openai')
    return { prompt: usage?.prompt_tokens, completion: usage?.completion_tokens };
  return { input: usage?.input_tokens, output: usage?.output_tokens };
}

/** The Bedrock and Azure cases, each for both client formats, plain and streamed. */
export const PROVIDER_CASES: ReadonlyArray<[string, (cell: ProviderCell) => Promise<void>]> = [
  [
    'text with a system prompt, in the provider’s own request shape',
    async (cell) => {
      const answer = await cell.driver.ask(
        { model: cell.model, system: 'Be terse.', text: 'Hello there' },
        cell.mode,
      );
      expect(answer.text).toBe('echo: Hello there');
      expect(answer.finish).toBe(FINISH[cell.driver.format].stop);
      if (cell.mode === 'stream') expect(answer.frames).toBeGreaterThan(2);
      const sent = lastRequest(cell);
      if (cell.target === 'bedrock') {
        expect(sent.path).toMatch(
          /^\/model\/us\.anthropic\.claude-haiku-4-5-20251001-v1%3A0\/converse(-stream)?$/,
        );
        expect(sent.headers.authorization).toMatch(/^AWS4-HMAC-SHA256 Credential=AKIAFAKEBEDROCK00001\//);
        expect(sent.body).toMatchObject({
          system: [{ text: 'Be terse.' }],
          messages: [{ role: 'user', content: [{ text: 'Hello there' }] }],
        });
      } else {
        expect(sent.path).toBe(
          '/openai/deployments/prod-gpt-4o-mini/chat/completions?api-version=2024-10-21',
        );
        expect(sent.headers['api-key']).toBe('azure-e2e-key');
        expect(sent.body.messages).toEqual([
          { role: 'system', content: 'Be terse.' },
          { role: 'user', content: 'Hello there' },
        ]);
      }
    },
  ],
  [
    'tools round trip',
    async (cell) => {
      const ask: Ask = { model: cell.model, text: 'What is the weather in Paris?', tools: [weatherTool] };
      const first = await cell.driver.ask(ask, cell.mode);
      expect(first.finish).toBe(FINISH[cell.driver.format].tool);
      expect(first.toolCalls).toEqual([
        { id: expect.any(String), name: 'get_weather', input: { city: 'Paris' } },
      ]);
      const call = first.toolCalls[0] as ToolCallSeen;
      const second = await cell.driver.ask(
        { ...ask, toolHistory: { calls: [call], outputs: ['sunny, 21C'] } },
        cell.mode,
      );
      expect(second.text).toBe('tool said: sunny, 21C');
      expect(second.finish).toBe(FINISH[cell.driver.format].stop);
      if (cell.target === 'bedrock') {
        expect(call.id).toMatch(/^tooluse_/);
        const blocks = sentMessages(cell).flatMap((message) => message.content as Json[]);
        expect(blocks).toContainEqual({
          toolUse: { toolUseId: call.id, name: 'get_weather', input: { city: 'Paris' } },
        });
        expect(blocks).toContainEqual({
          toolResult: { toolUseId: call.id, content: [{ text: 'sunny, 21C' }] },
        });
      }
    },
  ],
  [
    'an inline image',
    async (cell) => {
      const answer = await cell.driver.ask(
        {
          model: cell.model,
          text: 'Describe',
          images: [{ kind: 'base64', mediaType: 'image/png', data: PIXEL_PNG }],
        },
        cell.mode,
      );
      expect(answer.text).toBe('echo: Describe [1 image]');
      if (cell.target === 'bedrock')
        expect(sentMessages(cell)[0]?.content).toContainEqual({
          image: { format: 'png', source: { bytes: PIXEL_PNG } },
        });
    },
  ],
  [
    'usage, the same plain and streamed',
    async (cell) => {
      const ask: Ask = {
        model: cell.model,
        system: 'Count carefully.',
        text: 'How many tokens is this sentence?',
      };
      const counted = usageOf(cell, (await cell.driver.ask(ask, cell.mode)).usage);
      const other = usageOf(
        cell,
        (await cell.driver.ask(ask, cell.mode === 'plain' ? 'stream' : 'plain')).usage,
      );
      expect(counted).toEqual(other);
      expect(Object.values(counted).every((count) => typeof count === 'number' && count > 0)).toBe(true);
    },
  ],
  [
    'max tokens and stop sequences',
    async (cell) => {
      const long = await cell.driver.ask(
        { model: cell.model, text: 'one two three four five six', maxTokens: 3 },
        cell.mode,
      );
      expect(long.text).toBe('echo: one two');
      expect(long.finish).toBe(FINISH[cell.driver.format].length);
      const stopped = await cell.driver.ask(
        { model: cell.model, text: 'one two three four', stop: ['three'] },
        cell.mode,
      );
      expect(stopped.text).toBe('echo: one two ');
      if (cell.target === 'bedrock')
        expect(lastRequest(cell).body.inferenceConfig).toMatchObject({ stopSequences: ['three'] });
    },
  ],
  [
    'upstream 400 keeps its status and message',
    async (cell) => {
      const failure = await failureOf(() =>
        cell.driver.ask({ model: `${cell.model}:status-400`, text: 'hi' }, cell.mode),
      );
      expect(failure.status).toBe(400);
    },
  ],
  [
    'upstream 429 with retry-after',
    async (cell) => {
      const failure = await failureOf(() =>
        cell.driver.ask({ model: `${cell.model}:status-429:retry-after-30`, text: 'hi' }, cell.mode),
      );
      expect(failure.status).toBe(429);
      expect(failure.retryAfter).toBe('30');
    },
  ],
  [
    'upstream 503',
    async (cell) => {
      const failure = await failureOf(() =>
        cell.driver.ask({ model: `${cell.model}:status-503`, text: 'hi' }, cell.mode),
      );
      expect(failure.status).toBeGreaterThanOrEqual(500);
    },
  ],
  [
    'wrong operator credentials: a 502, never the client’s own 401',
    async (cell) => {
      const failure = await failureOf(() =>
        cell.brokenDriver.ask({ model: cell.model, text: 'hi' }, cell.mode),
      );
      expect(failure.status).toBe(502);
      expect(failure.message).toMatch(/credentials were rejected/);
    },
  ],
  ['upstream connection drop', upstreamDrop],
  ['client abort reaches the upstream', clientAbort],
  [
    'content filtering: a guardrail intervention (Bedrock) or a filtered output (Azure)',
    async (cell) => {
      const text = cell.target === 'bedrock' ? 'trigger-guardrail please' : 'trigger-output-filter please';
      const answer = await cell.driver.ask({ model: cell.model, text }, cell.mode);
      expect(answer.finish).toBe(FINISH[cell.driver.format].filter);
    },
  ],
];
