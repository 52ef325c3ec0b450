import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createFakeServiceAccount } from '../packages/provider-google/src/fake-google-oauth.js';
import { type FakeGoogle, startFakeGoogle } from '../packages/provider-google/src/fake-google.js';
import {
  type Answer,
  type Ask,
  createDriver,
  type Driver,
  failureOf,
  type Mode,
  type ToolCallSeen,
} from './helpers/matrix-clients.js';
import { clientAbort, upstreamDrop } from './helpers/matrix-failure-cases.js';
import { FRAMEWORKS, PIXEL_PNG, startExample } from './helpers/start.js';

/**
 * The four-way matrix grown to Google: the official OpenAI and Anthropic SDKs, plain and
 * streamed, through the example gateway (enabled by `GEMINI_API_KEY` / `GOOGLE_BASE_URL` and
 * `GOOGLE_VERTEX_PROJECT` / `GOOGLE_APPLICATION_CREDENTIALS`) to `google/gemini-2.5-flash` and
 * `vertex/gemini-2.5-flash`, on a fake Gemini API and Vertex AI that validate requests as the
 * real ones do. Vertex's token comes from google-auth-library, signing the fake service
 * account's assertion for the fake token endpoint.
 */

const PROJECT = 'signalbox-e2e';
const TARGETS = [
  { model: 'google/gemini-2.5-flash', target: 'google' },
  { model: 'vertex/gemini-2.5-flash', target: 'vertex' },
] as const;
type Target = (typeof TARGETS)[number];
const CLIENTS = ['openai', 'anthropic-apiKey'] as const;
const MODES: Mode[] = ['plain', 'stream'];
const weatherTool = {
  name: 'get_weather',
  description: 'Current weather for a city',
  schema: {
    type: 'object',
    properties: { city: { type: 'string' } },
    required: ['city'],
    additionalProperties: false,
  },
};
const FINISH = {
  openai: { stop: 'stop', length: 'length', tool: 'tool_calls' },
  anthropic: { stop: 'end_turn', length: 'max_tokens', tool: 'tool_use' },
} as const;

interface GoogleCell {
  driver: Driver;
  brokenDriver: Driver;
  model: string;
  target: Target['target'];
  mode: Mode;
  upstream: FakeGoogle;
}

type Json = Record<string, unknown>;

function lastBody(cell: GoogleCell): Json {
  return cell.upstream.requests.at(-1)?.body as Json;
}

function upstreamParts(cell: GoogleCell): Json[] {
  const contents = lastBody(cell).contents as Array<{ parts: Json[] }>;
  return contents.flatMap((content) => content.parts);
}

function words(text: string): number {
  return text.split(/\s+/).filter(Boolean).length;
}

function usageOf(cell: GoogleCell, answer: Answer): Json {
  const usage = answer.usage ?? {};
  if (cell.driver.format === 'openai') {
    expect(usage.prompt_tokens).toBeGreaterThan(0);
    expect(usage.completion_tokens).toBe(words(answer.text));
    expect(usage.total_tokens).toBe((usage.prompt_tokens as number) + words(answer.text));
    return {
      prompt: usage.prompt_tokens,
      cached: (usage.prompt_tokens_details as Json | undefined)?.cached_tokens,
    };
  }
  expect(usage.input_tokens).toBeGreaterThan(0);
  expect(usage.output_tokens).toBe(words(answer.text));
  return { input: usage.input_tokens, read: usage.cache_read_input_tokens };
}

const CASES: ReadonlyArray<[string, (cell: GoogleCell) => Promise<void>, { vertex: boolean }]> = [
  [
    'text, with the system prompt as systemInstruction',
    async (cell) => {
      const answer = await cell.driver.ask(
        { model: cell.model, system: 'Be terse.', text: 'Hello there' },
        cell.mode,
      );
      expect(answer.text).toBe('echo: Hello there');
      expect(answer.toolCalls).toEqual([]);
      if (cell.mode === 'stream') expect(answer.frames).toBeGreaterThan(2);
      expect(lastBody(cell)).toMatchObject({
        systemInstruction: { parts: [{ text: 'Be terse.' }] },
        contents: [{ role: 'user', parts: [{ text: 'Hello there' }] }],
      });
    },
    { vertex: true },
  ],
  [
    'tools round trip (functionCall, then functionResponse by name)',
    async (cell) => {
      const ask: Ask = { model: cell.model, text: 'What is the weather in Paris?', tools: [weatherTool] };
      const first = await cell.driver.ask(ask, cell.mode);
      expect(first.finish).toBe(FINISH[cell.driver.format].tool);
      expect(first.toolCalls).toEqual([{ id: 'call_0', name: 'get_weather', input: { city: 'Paris' } }]);
      const declaration = (lastBody(cell).tools as Array<{ functionDeclarations: Json[] }>)[0]
        ?.functionDeclarations[0];
      expect(declaration).toEqual({
        name: 'get_weather',
        description: 'Current weather for a city',
        parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
      });
      const call = first.toolCalls[0] as ToolCallSeen;
      const second = await cell.driver.ask(
        { ...ask, toolHistory: { calls: [call], outputs: ['sunny, 21C'] } },
        cell.mode,
      );
      expect(second.text).toBe('tool said: sunny, 21C');
      expect(second.finish).toBe(FINISH[cell.driver.format].stop);
      const parts = upstreamParts(cell);
      expect(parts).toContainEqual({ functionCall: { name: 'get_weather', args: { city: 'Paris' } } });
      expect(parts).toContainEqual({
        functionResponse: { name: 'get_weather', response: { output: 'sunny, 21C' } },
      });
    },
    { vertex: true },
  ],
  [
    'parallel tool results with the client’s own ids',
    async (cell) => {
      const ids =
        cell.driver.format === 'openai' ? ['call_paris01', 'call_rome02'] : ['toolu_01paris', 'toolu_02rome'];
      const calls: ToolCallSeen[] = [
        { id: ids[0] ?? '', name: 'get_weather', input: { city: 'Paris' } },
        { id: ids[1] ?? '', name: 'get_weather', input: { city: 'Rome' } },
      ];
      const answer = await cell.driver.ask(
        {
          model: cell.model,
          text: 'Paris and Rome?',
          tools: [weatherTool],
          toolHistory: { calls, outputs: ['sunny', 'rainy'] },
        },
        cell.mode,
      );
      expect(answer.text).toBe('tool said: sunny, rainy');
      const responses = upstreamParts(cell).filter((part) => part.functionResponse);
      // The Gemini API gets the ids back; Vertex AI rejects them, so it gets none.
      expect(responses.map((part) => (part.functionResponse as Json).id)).toEqual(
        cell.target === 'google' ? ids : [undefined, undefined],
      );
    },
    { vertex: true },
  ],
  [
    'image input, inline and by URL',
    async (cell) => {
      const inline = await cell.driver.ask(
        {
          model: cell.model,
          text: 'Describe',
          images: [{ kind: 'base64', mediaType: 'image/png', data: PIXEL_PNG }],
        },
        cell.mode,
      );
      expect(inline.text).toBe('echo: Describe [1 image]');
      expect(upstreamParts(cell)).toContainEqual({ inlineData: { mimeType: 'image/png', data: PIXEL_PNG } });
      const byUrl = await cell.driver.ask(
        {
          model: cell.model,
          text: 'Describe',
          images: [{ kind: 'url', url: 'https://example.com/cat.png' }],
        },
        cell.mode,
      );
      expect(byUrl.text).toBe('echo: Describe [1 image]');
      expect(upstreamParts(cell)).toContainEqual({
        fileData: { mimeType: 'image/png', fileUri: 'https://example.com/cat.png' },
      });
    },
    { vertex: true },
  ],
  [
    'usage, the same plain and streamed',
    async (cell) => {
      const ask: Ask = {
        model: cell.model,
        system: 'Count carefully.',
        text: 'How many tokens is this sentence?',
      };
      const counted = usageOf(cell, await cell.driver.ask(ask, cell.mode));
      const other = await cell.driver.ask(ask, cell.mode === 'plain' ? 'stream' : 'plain');
      expect(usageOf(cell, other)).toEqual(counted);
    },
    { vertex: true },
  ],
  [
    'stop reasons: max tokens and stop sequence',
    async (cell) => {
      const long = await cell.driver.ask(
        { model: cell.model, text: 'one two three four five six', maxTokens: 3 },
        cell.mode,
      );
      expect(long.text).toBe('echo: one two');
      expect(long.finish).toBe(FINISH[cell.driver.format].length);
      expect(lastBody(cell).generationConfig).toMatchObject({ maxOutputTokens: 3 });
      const stopped = await cell.driver.ask(
        { model: cell.model, text: 'one two three four', stop: ['three'] },
        cell.mode,
      );
      expect(stopped.text).toBe('echo: one two ');
      // Gemini reports a stop sequence as a plain STOP.
      expect(stopped.finish).toBe(FINISH[cell.driver.format].stop);
      expect(lastBody(cell).generationConfig).toMatchObject({ stopSequences: ['three'] });
    },
    { vertex: false },
  ],
  [
    'upstream 400 INVALID_ARGUMENT',
    async (cell) => {
      const failure = await failureOf(() =>
        cell.driver.ask({ model: `${cell.model}:status-400`, text: 'hi' }, cell.mode),
      );
      expect(failure.status).toBe(400);
      expect(failure.message).toContain('Fake upstream fault: status 400');
    },
    { vertex: false },
  ],
  [
    'upstream 429 RESOURCE_EXHAUSTED with retry-after',
    async (cell) => {
      const failure = await failureOf(() =>
        cell.driver.ask({ model: `${cell.model}:status-429:retry-after-30`, text: 'hi' }, cell.mode),
      );
      expect(failure.status).toBe(429);
      expect(failure.retryAfter).toBe('30');
    },
    { vertex: true },
  ],
  [
    'upstream 503 UNAVAILABLE',
    async (cell) => {
      const failure = await failureOf(() =>
        cell.driver.ask({ model: `${cell.model}:status-503`, text: 'hi' }, cell.mode),
      );
      expect(failure.status).toBeGreaterThanOrEqual(500);
    },
    { vertex: false },
  ],
  [
    'wrong operator credentials: a 502, never the client’s own 401',
    async (cell) => {
      const failure = await failureOf(() =>
        cell.brokenDriver.ask({ model: cell.model, text: 'hi' }, cell.mode),
      );
      expect(failure.status).toBe(502);
      expect(failure.message).toMatch(
        cell.target === 'google' ? /credentials were rejected/ : /could not get an access token/,
      );
    },
    { vertex: true },
  ],
  ['upstream connection drop', upstreamDrop, { vertex: false }],
  ['client abort reaches the upstream', clientAbort, { vertex: true }],
];

describe.each(FRAMEWORKS)('Google Gemini and Vertex AI through the example gateway on %s', (framework) => {
  let fake: FakeGoogle;
  let directory: string;
  let gateway: Awaited<ReturnType<typeof startExample>>;
  let broken: Awaited<ReturnType<typeof startExample>>;

  beforeAll(async () => {
    fake = await startFakeGoogle({ project: PROJECT });
    directory = await mkdtemp(join(tmpdir(), 'signalbox-google-e2e-'));
    const keyFile = join(directory, 'service-account.json');
    const strangerFile = join(directory, 'stranger.json');
    await writeFile(keyFile, JSON.stringify(fake.serviceAccount()));
    await writeFile(
      strangerFile,
      JSON.stringify(createFakeServiceAccount(fake.tokenURL, PROJECT).credentials),
    );
    const env = (apiKey: string, credentials: string) => ({
      GEMINI_API_KEY: apiKey,
      // Without a version: the gateway adds /v1beta, as for Google's own base URL.
      GOOGLE_BASE_URL: fake.url,
      GOOGLE_VERTEX_PROJECT: PROJECT,
      GOOGLE_VERTEX_LOCATION: 'us-central1',
      GOOGLE_VERTEX_BASE_URL: fake.vertexBaseURL,
      GOOGLE_APPLICATION_CREDENTIALS: credentials,
    });
    [gateway, broken] = await Promise.all([
      startExample(framework, env('gemini-test-key', keyFile)),
      startExample(framework, env('wrong-key', strangerFile)),
    ]);
  });
  afterAll(async () => {
    await Promise.all([gateway?.close(), broken?.close()]);
    await fake?.close();
    if (directory) await rm(directory, { recursive: true, force: true });
  });
  beforeEach(() => fake.reset());

  describe.each(CLIENTS)('%s client', (kind) => {
    describe.each(TARGETS)('to $model', (target) => {
      describe.each(MODES)('%s', (mode) => {
        const cases = CASES.filter(([, , only]) => target.target === 'google' || only.vertex);
        it.each(cases)('%s', async (_name, run) => {
          await run({
            driver: createDriver(kind, gateway.url),
            brokenDriver: createDriver(kind, broken.url),
            model: target.model,
            target: target.target,
            mode,
            upstream: fake,
          });
        });
      });
    });
  });

  it('Vertex calls carry a cached bearer token and the project and region in the URL', async () => {
    const driver = createDriver('openai', gateway.url);
    await driver.ask({ model: 'vertex/gemini-2.5-flash', text: 'hi' }, 'plain');
    const before = fake.tokensIssued;
    await Promise.all(
      [1, 2, 3].map(() => driver.ask({ model: 'vertex/gemini-2.5-flash', text: 'hi' }, 'plain')),
    );
    expect(fake.tokensIssued - before).toBe(0);
    const request = fake.requests.at(-1);
    expect(request?.path).toBe(
      `/v1/projects/${PROJECT}/locations/us-central1/publishers/google/models/gemini-2.5-flash:generateContent`,
    );
    expect(request?.headers.authorization).toMatch(/^Bearer ya29\.fake-/);
  });

  it('the Gemini API gets the key in x-goog-api-key, never the client’s credentials', async () => {
    await createDriver('anthropic-apiKey', gateway.url).ask(
      { model: 'google/gemini-2.5-flash', text: 'hi' },
      'plain',
    );
    const headers = fake.requests.at(-1)?.headers ?? {};
    expect(headers['x-goog-api-key']).toBe('gemini-test-key');
    expect(headers['x-api-key']).toBeUndefined();
    expect(headers.authorization).toBeUndefined();
  });
});
