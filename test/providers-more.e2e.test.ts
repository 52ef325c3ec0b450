import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type FakeUpstream, startFakeAnthropic, startFakeOpenAI } from '@signalbox/testing';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startFakeAzure } from '../packages/provider-azure/src/fake-azure.js';
import { FAKE_BEDROCK_CREDENTIALS, startFakeBedrock } from '../packages/provider-bedrock/src/fake-bedrock.js';
import { ask, type Endpoint, routingOf } from './helpers/ask.js';
import { createDriver, failureOf, type Mode } from './helpers/matrix-clients.js';
import { PROVIDER_CASES } from './helpers/providers-more-cases.js';
import { FRAMEWORKS, startExample } from './helpers/start.js';

/**
 * The four-way matrix grown to Amazon Bedrock and Azure OpenAI (and the OpenAI-compatible
 * presets): the official OpenAI and Anthropic SDKs, plain and streamed, through the example
 * gateway, enabled from the environment as an operator would (`AWS_ACCESS_KEY_ID` /
 * `AWS_REGION` / `BEDROCK_BASE_URL`; `AZURE_OPENAI_API_KEY` / `AZURE_OPENAI_ENDPOINT`;
 * `GROQ_API_KEY` / `GROQ_BASE_URL`), against fakes that check SigV4 signatures, Azure's
 * deployment URLs and keys, and validate requests as the real APIs do. Then a catalog model
 * served by Anthropic and Bedrock falls back from one to the other on a 5xx.
 */

const BEDROCK_MODEL = 'us.anthropic.claude-haiku-4-5-20251001-v1:0';
const TARGETS = [
  { model: `bedrock/${BEDROCK_MODEL}`, target: 'bedrock' },
  { model: 'azure/gpt-4o-mini', target: 'azure' },
] as const;
const CLIENTS = ['openai', 'anthropic-apiKey'] as const;
const MODES: Mode[] = ['plain', 'stream'];
const ENDPOINTS: Endpoint[] = ['openai', 'anthropic'];

describe.each(FRAMEWORKS)(
  'Bedrock, Azure OpenAI and presets through the example gateway on %s',
  (framework) => {
    let bedrock: FakeUpstream;
    let azure: FakeUpstream;
    let anthropic: FakeUpstream;
    let openai: FakeUpstream;
    let directory: string;
    let gateway: Awaited<ReturnType<typeof startExample>>;
    let broken: Awaited<ReturnType<typeof startExample>>;

    beforeAll(async () => {
      [bedrock, azure, anthropic, openai] = await Promise.all([
        startFakeBedrock({ region: 'us-west-2' }),
        startFakeAzure({ apiKey: 'azure-e2e-key' }),
        startFakeAnthropic(),
        startFakeOpenAI(),
      ]);
      directory = await mkdtemp(join(tmpdir(), 'signalbox-providers-e2e-'));
      const catalog = join(directory, 'catalog.json');
      // One model, two providers: Anthropic first (its model id answers 500), then Bedrock.
      await writeFile(
        catalog,
        JSON.stringify({
          models: [
            {
              id: 'anthropic/claude-haiku-4.5',
              aliases: ['haiku'],
              providers: [
                { provider: 'anthropic', model: 'claude-haiku-4-5:status-500' },
                { provider: 'bedrock', model: BEDROCK_MODEL },
              ],
            },
          ],
        }),
      );
      const env = (secret: string, azureKey: string) => ({
        AWS_ACCESS_KEY_ID: FAKE_BEDROCK_CREDENTIALS.accessKeyId,
        AWS_SECRET_ACCESS_KEY: secret,
        AWS_REGION: 'us-west-2',
        BEDROCK_BASE_URL: bedrock.url,
        AZURE_OPENAI_API_KEY: azureKey,
        AZURE_OPENAI_ENDPOINT: azure.url,
        AZURE_OPENAI_DEPLOYMENTS: 'gpt-4o-mini=prod-gpt-4o-mini',
        ANTHROPIC_API_KEY: 'sk-ant-test',
        ANTHROPIC_BASE_URL: anthropic.url,
        GROQ_API_KEY: 'sk-test',
        GROQ_BASE_URL: openai.baseURL,
        SIGNALBOX_CATALOG: catalog,
        // Every fallback test sees Anthropic fail: no cooldown carried over from the one before.
        SIGNALBOX_COOLDOWN_MS: '1',
      });
      [gateway, broken] = await Promise.all([
        startExample(framework, env(FAKE_BEDROCK_CREDENTIALS.secretAccessKey, 'azure-e2e-key')),
        startExample(framework, env('not-the-secret', 'not-the-key')),
      ]);
    });
    afterAll(async () => {
      await Promise.all([gateway?.close(), broken?.close()]);
      await Promise.all([bedrock?.close(), azure?.close(), anthropic?.close(), openai?.close()]);
      if (directory) await rm(directory, { recursive: true, force: true });
    });
    beforeEach(() => {
      for (const fake of [bedrock, azure, anthropic, openai]) fake.reset();
    });

    describe.each(CLIENTS)('%s client', (kind) => {
      describe.each(TARGETS)('to $model', (target) => {
        describe.each(MODES)('%s', (mode) => {
          it.each(PROVIDER_CASES)('%s', async (_name, run) => {
            await run({
              driver: createDriver(kind, gateway.url),
              brokenDriver: createDriver(kind, broken.url),
              model: target.model,
              target: target.target,
              mode,
              upstream: target.target === 'bedrock' ? bedrock : azure,
            });
          });
        });
      });

      it.each(MODES)('%s: Azure’s prompt filter is a 400 naming the filtered categories', async (mode) => {
        const failure = await failureOf(() =>
          createDriver(kind, gateway.url).ask(
            { model: 'azure/gpt-4o-mini', text: 'trigger-prompt-filter now' },
            mode,
          ),
        );
        expect(failure.status).toBe(400);
        expect(failure.message).toContain('filtered categories: violence (medium)');
      });

      it.each(MODES)('%s: a Groq preset model, enabled by GROQ_API_KEY', async (mode) => {
        const answer = await createDriver(kind, gateway.url).ask(
          { model: 'groq/llama-3.3-70b-versatile', text: 'Hi Groq' },
          mode,
        );
        expect(answer.text).toBe('echo: Hi Groq');
        expect(openai.requests.at(-1)?.headers.authorization).toBe('Bearer sk-test');
        expect(openai.requests.at(-1)?.body).toMatchObject({ model: 'llama-3.3-70b-versatile' });
      });
    });

    describe.each(ENDPOINTS)('catalog fallback on the %s endpoint', (endpoint) => {
      it.each(MODES)('%s: Anthropic answers 500, Bedrock answers the same catalog model', async (_mode) => {
        const stream = _mode === 'stream';
        const answer = await ask(gateway.url, endpoint, stream, {
          model: 'anthropic/claude-haiku-4.5',
          text: 'fall back',
        });
        expect(answer.status).toBe(200);
        expect(answer.text).toBe('echo: fall back');
        const routing = routingOf(answer);
        expect(routing.finalProvider).toBe('bedrock');
        const attempts = routing.modelAttempts?.[0]?.providerAttempts ?? [];
        expect(attempts.map((attempt) => [attempt.provider, attempt.success])).toEqual([
          ...attempts.filter((attempt) => attempt.provider === 'anthropic').map(() => ['anthropic', false]),
          ['bedrock', true],
        ]);
        expect(attempts[0]?.statusCode).toBe(500);
        expect(anthropic.requests.length).toBeGreaterThanOrEqual(1);
        expect(bedrock.requests.at(-1)?.path).toMatch(/\/converse(-stream)?$/);
        expect(answer.headers?.get('x-signalbox-provider')).toBe('bedrock');
      });
    });
  },
);
