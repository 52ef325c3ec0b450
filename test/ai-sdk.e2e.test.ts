import { createAnthropic } from '@ai-sdk/anthropic';
import { createOpenAICompatible } from '@ai-sdk/openai-compatible';
import { generateText, stepCountIs, streamText, tool } from 'ai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { FRAMEWORKS, startExample, TEST_KEY } from './helpers/start.js';

const weather = tool({
  description: 'Current weather for a city',
  inputSchema: z.object({ city: z.string() }),
  execute: async ({ city }) => `sunny in ${city}`,
});

describe.each(FRAMEWORKS)('Vercel AI SDK against the example gateway on %s', (framework) => {
  let gateway: Awaited<ReturnType<typeof startExample>>;
  let providers: Array<[string, (id: string) => Parameters<typeof generateText>[0]['model']]>;

  beforeAll(async () => {
    gateway = await startExample(framework);
    const openaiCompatible = createOpenAICompatible({
      name: 'signalbox',
      baseURL: `${gateway.url}/v1`,
      apiKey: TEST_KEY,
      includeUsage: true,
    });
    const anthropic = createAnthropic({ baseURL: `${gateway.url}/v1`, apiKey: TEST_KEY });
    providers = [
      ['openai-compatible', (id) => openaiCompatible.chatModel(id)],
      ['anthropic', (id) => anthropic(id)],
    ];
  });
  afterAll(() => gateway.close());

  it('generates and streams text through both provider packages', async () => {
    for (const [name, model] of providers) {
      const generated = await generateText({
        model: model('mock/echo'),
        prompt: 'Hello AI SDK',
        maxRetries: 0,
      });
      expect(generated.text, name).toBe('echo: Hello AI SDK');
      expect(generated.finishReason, name).toBe('stop');
      expect(generated.usage.outputTokens, name).toBe(4);

      const streamed = streamText({
        model: model('mock/echo'),
        prompt: 'streamed words here',
        maxRetries: 0,
      });
      let text = '';
      for await (const delta of streamed.textStream) text += delta;
      expect(text, name).toBe('echo: streamed words here');
      expect((await streamed.usage).outputTokens, name).toBe(4);
    }
  });

  it('runs tools with the result sent back, plain and streamed', async () => {
    for (const [name, model] of providers) {
      const generated = await generateText({
        model: model('mock/echo'),
        prompt: 'What is the weather in Paris?',
        tools: { weather },
        stopWhen: stepCountIs(2),
        maxRetries: 0,
      });
      expect(generated.steps[0]?.toolCalls[0]?.toolName, name).toBe('weather');
      expect(generated.text, name).toMatch(/^tool said: sunny in /);

      const streamed = streamText({
        model: model('mock/echo'),
        prompt: 'What is the weather in Paris?',
        tools: { weather },
        stopWhen: stepCountIs(2),
        maxRetries: 0,
      });
      expect(await streamed.text, name).toMatch(/^tool said: sunny in /);
    }
  });
});
