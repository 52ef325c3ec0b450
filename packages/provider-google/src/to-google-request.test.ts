import { readFile } from 'node:fs/promises';
import type { ChatRequest, ProviderCall } from '@signalbox/core';
import { describe, expect, it } from 'vitest';
import { toGoogleRequest } from './to-google-request.js';

const weatherTool = {
  type: 'function' as const,
  name: 'get_weather',
  description: 'The current weather in a city.',
  inputSchema: {
    type: 'object',
    properties: { city: { type: 'string', description: 'City name' } },
    required: ['city'],
  },
};

function callFor(request: Partial<ChatRequest>, modelId = 'gemini-2.5-flash'): ProviderCall {
  return {
    modelId,
    signal: new AbortController().signal,
    request: {
      model: `google/${modelId}`,
      messages: [{ role: 'user', content: [{ type: 'text', text: 'hi' }] }],
      stream: false,
      ...request,
    },
  };
}

describe('toGoogleRequest', () => {
  it('builds the documented body for a tool round trip with sampling settings', async () => {
    const expected = JSON.parse(
      await readFile(new URL('./__fixtures__/google-request-tools.json', import.meta.url), 'utf8'),
    );
    const { body, warnings } = toGoogleRequest(
      callFor({
        messages: [
          { role: 'system', content: [{ type: 'text', text: 'You are a weather bot.' }] },
          { role: 'user', content: [{ type: 'text', text: 'What is the weather in Paris?' }] },
          {
            role: 'assistant',
            content: [
              { type: 'tool-call', toolCallId: 'call_0', toolName: 'get_weather', input: '{"city":"Paris"}' },
            ],
          },
          { role: 'tool', content: [{ type: 'tool-result', toolCallId: 'call_0', output: 'Sunny, 21 C' }] },
        ],
        tools: [weatherTool],
        toolChoice: { type: 'tool', toolName: 'get_weather' },
        stopSequences: ['END'],
        maxOutputTokens: 256,
        temperature: 0.2,
        topP: 0.9,
        topK: 40,
        seed: 7,
      }),
    );
    expect(body).toEqual(expected);
    expect(warnings).toEqual([]);
  });

  it('asks for JSON with a converted response schema', () => {
    const { body, warnings } = toGoogleRequest(
      callFor({
        responseFormat: {
          type: 'json',
          name: 'answer',
          schema: { type: 'object', properties: { a: { type: 'string' } }, additionalProperties: false },
        },
      }),
    );
    expect(body.generationConfig).toEqual({
      responseMimeType: 'application/json',
      responseSchema: { type: 'object', properties: { a: { type: 'string' } } },
    });
    expect(warnings).toEqual([expect.objectContaining({ feature: 'responseFormat.schema' })]);
    expect(toGoogleRequest(callFor({ responseFormat: { type: 'json' } })).body.generationConfig).toEqual({
      responseMimeType: 'application/json',
    });
  });

  it('maps penalties, logprobs and reasoning', () => {
    const { body } = toGoogleRequest(
      callFor({
        presencePenalty: 0.5,
        frequencyPenalty: 0.25,
        logprobs: true,
        topLogprobs: 3,
        reasoning: { budgetTokens: 1024 },
      }),
    );
    expect(body.generationConfig).toEqual({
      presencePenalty: 0.5,
      frequencyPenalty: 0.25,
      responseLogprobs: true,
      logprobs: 3,
      thinkingConfig: { thinkingBudget: 1024, includeThoughts: true },
    });
  });

  it('warns about what Gemini cannot express', () => {
    const { body, warnings } = toGoogleRequest(
      callFor({
        n: 2,
        parallelToolCalls: false,
        user: 'u1',
        metadata: { team: 'a' },
        source: {
          format: 'openai',
          extraFields: { logit_bias: { '1': 2 }, providerOptions: {}, models: ['x'] },
          forwardHeaders: {},
        },
      }),
    );
    expect(body.generationConfig).toBeUndefined();
    expect(warnings.map((warning) => ('feature' in warning ? warning.feature : ''))).toEqual([
      'n',
      'parallelToolCalls',
      'user',
      'metadata',
      'logit_bias',
    ]);
  });

  it('Vertex: metadata as labels, no function call ids', () => {
    const { body, warnings } = toGoogleRequest(
      callFor({
        metadata: { team: 'search' },
        messages: [
          { role: 'user', content: [{ type: 'text', text: 'q' }] },
          {
            role: 'assistant',
            content: [{ type: 'tool-call', toolCallId: 'abc', toolName: 'f', input: '{}' }],
          },
          { role: 'tool', content: [{ type: 'tool-result', toolCallId: 'abc', output: 'ok' }] },
        ],
      }),
      { provider: 'vertex', vertex: true },
    );
    expect(body.labels).toEqual({ team: 'search' });
    expect(JSON.stringify(body.contents)).not.toContain('"id"');
    expect(warnings).toEqual([]);
  });

  it('applies providerOptions.google last: safety settings, built-in tools, config overrides', () => {
    const { body } = toGoogleRequest(
      callFor({
        tools: [weatherTool],
        temperature: 0.5,
        reasoning: { effort: 'low' },
        responseFormat: { type: 'json', schema: { type: 'object', properties: { a: { type: 'string' } } } },
        providerOptions: {
          google: {
            safetySettings: [{ category: 'HARM_CATEGORY_HATE_SPEECH', threshold: 'BLOCK_ONLY_HIGH' }],
            tools: [{ googleSearch: {} }],
            thinkingConfig: { thinkingBudget: 0 },
            generationConfig: { temperature: 1, responseJsonSchema: { type: 'object' } },
            cachedContent: 'cachedContents/c1',
          },
        },
      }),
    );
    expect(body.safetySettings).toEqual([
      { category: 'HARM_CATEGORY_HATE_SPEECH', threshold: 'BLOCK_ONLY_HIGH' },
    ]);
    expect(body.cachedContent).toBe('cachedContents/c1');
    expect(body.tools?.[1]).toEqual({ googleSearch: {} });
    expect(body.generationConfig).toEqual({
      temperature: 1,
      responseMimeType: 'application/json',
      responseJsonSchema: { type: 'object' },
      thinkingConfig: { thinkingBudget: 0 },
    });
  });

  it('sends no tool config without function declarations', () => {
    const { body } = toGoogleRequest(callFor({ toolChoice: { type: 'auto' } }));
    expect(body.toolConfig).toBeUndefined();
    expect(body.tools).toBeUndefined();
  });
});
