import type { ChatRequest, FunctionTool, ProviderCall } from '@signalbox/core';
import { describe, expect, it } from 'vitest';
import { toCohereRequest } from './to-cohere-request.js';

const weather: FunctionTool = {
  type: 'function',
  name: 'get_weather',
  description: 'The weather in a city.',
  inputSchema: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
};
const time: FunctionTool = {
  type: 'function',
  name: 'get_time',
  inputSchema: { type: 'object', properties: {} },
};

function call(overrides: Partial<ChatRequest> = {}): ProviderCall {
  return {
    modelId: 'command-a-03-2025',
    signal: new AbortController().signal,
    request: {
      model: 'cohere/command-a-03-2025',
      messages: [{ role: 'user', content: [{ type: 'text', text: 'Hi' }] }],
      stream: false,
      ...overrides,
    },
  };
}

function features(warnings: ReadonlyArray<{ type: string; feature?: string }>): Array<string | undefined> {
  return warnings.map((warning) => warning.feature);
}

describe('toCohereRequest', () => {
  it('maps the sampling settings to their Cohere names, values as given', () => {
    const { body, warnings } = toCohereRequest(
      call({
        maxOutputTokens: 100,
        temperature: 1.5,
        topP: 0.9,
        topK: 40,
        seed: 7,
        stopSequences: ['END'],
        frequencyPenalty: 0.1,
        presencePenalty: 0.2,
      }),
    );
    expect(body).toEqual({
      model: 'command-a-03-2025',
      messages: [{ role: 'user', content: 'Hi' }],
      max_tokens: 100,
      temperature: 1.5,
      p: 0.9,
      k: 40,
      seed: 7,
      stop_sequences: ['END'],
      frequency_penalty: 0.1,
      presence_penalty: 0.2,
    });
    expect(warnings).toEqual([]);
  });

  it('asks for a stream when the call streams, or when told to', () => {
    expect(toCohereRequest(call({ stream: true })).body.stream).toBe(true);
    expect(toCohereRequest(call(), { stream: true }).body.stream).toBe(true);
    expect(toCohereRequest(call({ stream: true }), { stream: false }).body.stream).toBeUndefined();
  });

  it('maps a JSON response format, with or without a schema; text is the default', () => {
    const schema = { type: 'object', properties: { answer: { type: 'string' } } };
    expect(
      toCohereRequest(call({ responseFormat: { type: 'json', schema, name: 'answer' } })).body
        .response_format,
    ).toEqual({
      type: 'json_object',
      json_schema: schema,
    });
    expect(toCohereRequest(call({ responseFormat: { type: 'json' } })).body.response_format).toEqual({
      type: 'json_object',
    });
    expect(toCohereRequest(call({ responseFormat: { type: 'text' } })).body.response_format).toBeUndefined();
  });

  it('maps tools and the tool choices Cohere has', () => {
    const { body } = toCohereRequest(call({ tools: [weather, time] }));
    expect(body.tools).toEqual([
      {
        type: 'function',
        function: {
          name: 'get_weather',
          description: 'The weather in a city.',
          parameters: weather.inputSchema,
        },
      },
      { type: 'function', function: { name: 'get_time', parameters: time.inputSchema } },
    ]);
    expect(body.tool_choice).toBeUndefined();
    expect(
      toCohereRequest(call({ tools: [weather], toolChoice: { type: 'auto' } })).body.tool_choice,
    ).toBeUndefined();
    expect(toCohereRequest(call({ tools: [weather], toolChoice: { type: 'none' } })).body.tool_choice).toBe(
      'NONE',
    );
    expect(
      toCohereRequest(call({ tools: [weather], toolChoice: { type: 'required' } })).body.tool_choice,
    ).toBe('REQUIRED');
    expect(toCohereRequest(call({ toolChoice: { type: 'required' } })).body.tool_choice).toBeUndefined();
  });

  it('sends a named tool choice as REQUIRED with only that tool, and says so', () => {
    const { body, warnings } = toCohereRequest(
      call({ tools: [weather, time], toolChoice: { type: 'tool', toolName: 'get_time' } }),
    );
    expect(body.tool_choice).toBe('REQUIRED');
    expect(body.tools?.map((tool) => tool.function.name)).toEqual(['get_time']);
    expect(warnings).toEqual([expect.objectContaining({ type: 'compatibility', feature: 'toolChoice' })]);
  });

  it('turns strict tools into strict_tools, warning when only some were strict', () => {
    expect(toCohereRequest(call({ tools: [{ ...weather, strict: true }] })).body.strict_tools).toBe(true);
    const mixed = toCohereRequest(call({ tools: [{ ...weather, strict: true }, time] }));
    expect(mixed.body.strict_tools).toBe(true);
    expect(features(mixed.warnings)).toEqual(['tool strict']);
  });

  it('leaves out provider tools of other formats with a warning', () => {
    const { body, warnings } = toCohereRequest(
      call({
        tools: [
          { type: 'provider', format: 'anthropic', name: 'web_search', raw: { type: 'web_search_20250305' } },
        ],
      }),
    );
    expect(body.tools).toBeUndefined();
    expect(features(warnings)).toEqual(['provider tool web_search']);
  });

  it('maps reasoning to thinking', () => {
    const thinking = (reasoning: ChatRequest['reasoning']) => toCohereRequest(call({ reasoning }));
    expect(thinking({ budgetTokens: 2048 }).body.thinking).toEqual({ type: 'enabled', token_budget: 2048 });
    expect(thinking({ enabled: false }).body.thinking).toEqual({ type: 'disabled' });
    expect(thinking({ effort: 'none' }).body.thinking).toEqual({ type: 'disabled' });
    const effort = thinking({ effort: 'high' });
    expect(effort.body.thinking).toEqual({ type: 'enabled' });
    expect(features(effort.warnings)).toEqual(['reasoning.effort']);
  });

  it('warns about every setting Cohere cannot express', () => {
    const { body, warnings } = toCohereRequest(
      call({
        n: 2,
        parallelToolCalls: false,
        logprobs: true,
        topLogprobs: 3,
        user: 'u1',
        metadata: { a: 'b' },
        source: {
          format: 'openai',
          extraFields: { logit_bias: { '1': 2 }, models: ['x'], providerOptions: { gateway: {} } },
          forwardHeaders: {},
        },
      }),
    );
    expect(features(warnings)).toEqual([
      'n',
      'parallelToolCalls',
      'logprobs',
      'topLogprobs',
      'user',
      'metadata',
      'logit_bias',
    ]);
    expect(Object.keys(body)).toEqual(['model', 'messages']);
  });

  it('adds documents from text files and the Cohere-only provider options, which win', () => {
    const { body } = toCohereRequest(
      call({
        temperature: 0.5,
        messages: [
          {
            role: 'user',
            content: [
              { type: 'text', text: 'Summarize' },
              { type: 'file', source: { type: 'text', text: 'Notes' }, mediaType: 'text/plain' },
            ],
          },
        ],
        providerOptions: { cohere: { safety_mode: 'STRICT', temperature: 0.1 } },
      }),
    );
    expect(body).toMatchObject({
      documents: [{ data: { text: 'Notes' } }],
      safety_mode: 'STRICT',
      temperature: 0.1,
    });
  });

  it("reads the provider options under the adapter's own name", () => {
    const options = { providerOptions: { 'cohere-eu': { priority: 2 }, cohere: { priority: 9 } } };
    expect(toCohereRequest(call(options), { provider: 'cohere-eu' }).body.priority).toBe(2);
  });
});
