import Anthropic from '@anthropic-ai/sdk';
import { type FakeUpstream, startFakeAnthropic, startFakeOpenAI } from '@signalbox/testing';
import OpenAI from 'openai';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { checkAgentRequest } from './helpers/matrix-agent-request.js';
import { type Cell, MATRIX_CASES } from './helpers/matrix-cases.js';
import { CLIENTS, type ClientKind, createDriver, failureOf, type Mode } from './helpers/matrix-clients.js';
import { type ParallelUpstream, startParallelUpstream } from './helpers/matrix-parallel-upstream.js';
import { FRAMEWORKS, startExample, TEST_KEY } from './helpers/start.js';

/**
 * The four-way matrix: the example gateway in front of fake OpenAI and Anthropic upstreams,
 * driven by the official SDKs. {OpenAI SDK, Anthropic SDK (authToken, apiKey)} x {openai/...,
 * anthropic/...} x {plain, stream} x every case of `MATRIX_CASES`, on Express and Koa, then the
 * fidelity checks (unknown fields and provider headers, structured outputs, a large agent
 * request). Per framework: one pair of fakes and three gateways, started once: the real one, one
 * with operator keys the fakes reject, one whose upstream answers with parallel tool calls.
 */

const TARGETS = [
  { model: 'openai/gpt-4o-mini', target: 'openai' },
  { model: 'anthropic/claude-haiku-4-5', target: 'anthropic' },
] as const;
const MODES: Mode[] = ['plain', 'stream'];

describe.each(FRAMEWORKS)('four-way matrix on %s', (framework) => {
  let fakeOpenAI: FakeUpstream;
  let fakeAnthropic: FakeUpstream;
  let gateway: Awaited<ReturnType<typeof startExample>>;
  let broken: Awaited<ReturnType<typeof startExample>>;
  let parallelUpstream: ParallelUpstream;
  let parallel: Awaited<ReturnType<typeof startExample>>;

  beforeAll(async () => {
    [fakeOpenAI, fakeAnthropic, parallelUpstream] = await Promise.all([
      startFakeOpenAI(),
      startFakeAnthropic(),
      startParallelUpstream(),
    ]);
    const env = (openaiKey: string, anthropicKey: string, openaiURL: string, anthropicURL: string) => ({
      OPENAI_API_KEY: openaiKey,
      OPENAI_BASE_URL: openaiURL,
      ANTHROPIC_API_KEY: anthropicKey,
      ANTHROPIC_BASE_URL: anthropicURL,
    });
    [gateway, broken, parallel] = await Promise.all([
      startExample(framework, env('sk-test', 'sk-ant-test', fakeOpenAI.baseURL, fakeAnthropic.url)),
      startExample(framework, env('sk-wrong', 'sk-ant-wrong', fakeOpenAI.baseURL, fakeAnthropic.url)),
      startExample(
        framework,
        env('sk-test', 'sk-ant-test', `${parallelUpstream.url}/v1`, parallelUpstream.url),
      ),
    ]);
  });
  afterAll(async () => {
    await Promise.all([gateway?.close(), broken?.close(), parallel?.close()]);
    await Promise.all([fakeOpenAI?.close(), fakeAnthropic?.close(), parallelUpstream?.close()]);
  });
  beforeEach(() => {
    fakeOpenAI.reset();
    fakeAnthropic.reset();
  });

  function cellFor(kind: ClientKind, target: (typeof TARGETS)[number], mode: Mode): Cell {
    return {
      driver: createDriver(kind, gateway.url),
      brokenDriver: createDriver(kind, broken.url),
      parallelDriver: createDriver(kind, parallel.url),
      model: target.model,
      target: target.target,
      mode,
      upstream: target.target === 'openai' ? fakeOpenAI : fakeAnthropic,
    };
  }

  describe.each(CLIENTS)('%s client', (kind) => {
    describe.each(TARGETS)('to $model', (target) => {
      describe.each(MODES)('%s', (mode) => {
        it.each(MATRIX_CASES)('%s', async (_name, run) => {
          await run(cellFor(kind, target, mode));
        });
      });
    });
  });

  describe('fidelity', () => {
    const openaiModel = TARGETS[0].model;
    const anthropicModel = TARGETS[1].model;
    const openai = () => new OpenAI({ apiKey: TEST_KEY, baseURL: `${gateway.url}/v1`, maxRetries: 0 });
    const anthropic = () => new Anthropic({ apiKey: TEST_KEY, baseURL: gateway.url, maxRetries: 0 });
    const lastBody = (upstream: FakeUpstream) => upstream.requests.at(-1)?.body as Record<string, unknown>;
    const lastHeaders = (upstream: FakeUpstream) => upstream.requests.at(-1)?.headers ?? {};

    it('an OpenAI client to openai/* passes unknown fields, not the account headers, on the operator key', async () => {
      const client = new OpenAI({
        apiKey: TEST_KEY,
        baseURL: `${gateway.url}/v1`,
        maxRetries: 0,
        organization: 'org-client',
        project: 'proj-client',
      });
      const fields = {
        logit_bias: { '50256': -100 },
        service_tier: 'flex' as const,
        prompt_cache_key: 'agent-42',
        safety_identifier: 'user-42',
        verbosity: 'low' as const,
        store: false,
      };
      const completion = await client.chat.completions.create({
        model: openaiModel,
        messages: [{ role: 'user', content: 'hi' }],
        ...fields,
      });
      expect(completion.choices[0]?.message.content).toBe('echo: hi');
      expect(lastBody(fakeOpenAI)).toMatchObject({ model: 'gpt-4o-mini', ...fields });
      const headers = lastHeaders(fakeOpenAI);
      expect(headers.authorization).toBe('Bearer sk-test');
      expect(headers['openai-organization']).toBeUndefined();
      expect(headers['openai-project']).toBeUndefined();
    });

    it('an OpenAI parameter OpenAI does not know reaches OpenAI, and its 400 reaches the client', async () => {
      const failure = await failureOf(() =>
        openai().chat.completions.create({
          model: openaiModel,
          messages: [{ role: 'user', content: 'hi' }],
          frobnicate: true,
        } as OpenAI.ChatCompletionCreateParamsNonStreaming),
      );
      expect(failure.status).toBe(400);
      expect(failure.body).toMatchObject({
        error: { type: 'invalid_request_error', message: expect.stringContaining('frobnicate') },
      });
    });

    it('OpenAI-only fields to anthropic/* are not sent to Anthropic', async () => {
      const completion = await openai().chat.completions.create({
        model: anthropicModel,
        messages: [{ role: 'user', content: 'hi' }],
        logit_bias: { '50256': -100 },
        service_tier: 'flex',
        seed: 7,
      });
      expect(completion.choices[0]?.message.content).toBe('echo: hi');
      for (const field of ['logit_bias', 'service_tier', 'seed']) {
        expect(lastBody(fakeAnthropic)).not.toHaveProperty(field);
      }
    });

    it('an Anthropic client to anthropic/* passes anthropic-beta, context_management and ?beta=true', async () => {
      const contextManagement = { edits: [{ type: 'clear_tool_uses_20250919' as const }] };
      const message = await anthropic().beta.messages.create(
        {
          model: anthropicModel,
          max_tokens: 100,
          messages: [{ role: 'user', content: 'hi' }],
          betas: ['context-management-2025-06-27'],
          context_management: contextManagement,
        },
        { query: { beta: 'true' } },
      );
      expect(message.content[0]).toMatchObject({ type: 'text', text: 'echo: hi' });
      expect(lastBody(fakeAnthropic)).toMatchObject({ context_management: contextManagement });
      expect(lastHeaders(fakeAnthropic)['anthropic-beta']).toContain('context-management-2025-06-27');
      expect(lastHeaders(fakeAnthropic)['x-api-key']).toBe('sk-ant-test');
    });

    it('an Anthropic field Anthropic does not know reaches Anthropic, and its 400 reaches the client', async () => {
      const failure = await failureOf(() =>
        anthropic().messages.create({
          model: anthropicModel,
          max_tokens: 100,
          messages: [{ role: 'user', content: 'hi' }],
          frobnicate: true,
        } as Anthropic.MessageCreateParamsNonStreaming),
      );
      expect(failure.status).toBe(400);
      expect(failure.body).toMatchObject({
        type: 'error',
        error: { type: 'invalid_request_error', message: 'frobnicate: Extra inputs are not permitted' },
      });
    });

    it('Anthropic-only headers and fields to openai/* are not sent to OpenAI', async () => {
      const message = await anthropic().beta.messages.create({
        model: openaiModel,
        max_tokens: 100,
        messages: [{ role: 'user', content: 'hi' }],
        betas: ['context-management-2025-06-27'],
        context_management: { edits: [{ type: 'clear_tool_uses_20250919' }] },
      });
      expect(message.content[0]).toMatchObject({ type: 'text', text: 'echo: hi' });
      expect(lastBody(fakeOpenAI)).not.toHaveProperty('context_management');
      expect(lastHeaders(fakeOpenAI)['anthropic-beta']).toBeUndefined();
    });

    it("an Anthropic client's 5 stop sequences to openai/* become OpenAI's 4, not a 400", async () => {
      const message = await anthropic().messages.create({
        model: openaiModel,
        max_tokens: 100,
        messages: [{ role: 'user', content: 'one two three four' }],
        stop_sequences: ['zero', 'three', 'x', 'y', 'z'],
      });
      expect(message.content[0]).toMatchObject({ type: 'text', text: 'echo: one two ' });
      expect(lastBody(fakeOpenAI).stop).toEqual(['zero', 'three', 'x', 'y']);
    });

    it.each(TARGETS)("an Anthropic client's structured output reaches $model", async ({ model, target }) => {
      const schema = { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] };
      const outputConfig = { format: { type: 'json_schema' as const, schema } };
      const message = await anthropic().messages.create({
        model,
        max_tokens: 100,
        messages: [{ role: 'user', content: 'hi' }],
        output_config: outputConfig,
      });
      expect(message.content[0]).toMatchObject({ type: 'text' });
      if (target === 'openai') {
        expect(lastBody(fakeOpenAI).response_format).toEqual({
          type: 'json_schema',
          json_schema: { name: 'response', schema },
        });
      } else {
        // As sent, and without the JSON instruction the gateway writes for other clients.
        expect(lastBody(fakeAnthropic).output_config).toEqual(outputConfig);
        expect(lastBody(fakeAnthropic)).not.toHaveProperty('system');
      }
    });

    it.each(TARGETS)(
      'an OpenAI stream to $model gets a usage chunk only when it asks',
      async ({ model, target }) => {
        const upstream = target === 'openai' ? fakeOpenAI : fakeAnthropic;
        for (const includeUsage of [false, true]) {
          const stream = await openai().chat.completions.create({
            model,
            messages: [{ role: 'user', content: 'one two three' }],
            stream: true,
            ...(includeUsage && { stream_options: { include_usage: true } }),
          });
          const usages: unknown[] = [];
          for await (const chunk of stream) if (chunk.usage) usages.push(chunk.usage);
          expect(usages).toHaveLength(includeUsage ? 1 : 0);
          if (target === 'openai') expect(lastBody(upstream).stream_options).toEqual({ include_usage: true });
        }
      },
    );

    describe.each(['openai', 'anthropic'] as const)('a large agent request from an %s client', (client) => {
      it.each(TARGETS.flatMap((target) => MODES.map((mode) => ({ ...target, mode }))))(
        'to $model ($mode)',
        async ({ model, target, mode }) => {
          const upstream = target === 'openai' ? fakeOpenAI : fakeAnthropic;
          await checkAgentRequest({ client, gatewayURL: gateway.url, model, target, mode, upstream });
        },
      );
    });
  });
});
