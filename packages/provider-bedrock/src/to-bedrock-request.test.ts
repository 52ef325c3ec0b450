import type { ChatRequest, ProviderCall } from '@signalbox/core';
import { describe, expect, it } from 'vitest';
import { isAnthropicModel, toBedrockConverseRequest } from './to-bedrock-request.js';

const claude = 'us.anthropic.claude-haiku-4-5-20251001-v1:0';
const nova = 'amazon.nova-lite-v1:0';

function call(request: Partial<ChatRequest>, modelId = claude): ProviderCall {
  return {
    modelId,
    signal: new AbortController().signal,
    request: {
      model: `bedrock/${modelId}`,
      stream: false,
      messages: [{ role: 'user', content: [{ type: 'text', text: 'Hi' }] }],
      ...request,
    },
  };
}

const weather = {
  type: 'function' as const,
  name: 'get_weather',
  description: 'Weather',
  inputSchema: { type: 'object', properties: { city: { type: 'string' } } },
};

describe('isAnthropicModel', () => {
  it('recognises model ids, inference profiles and ARNs of Anthropic models', () => {
    expect(isAnthropicModel('anthropic.claude-3-haiku-20240307-v1:0')).toBe(true);
    expect(isAnthropicModel(claude)).toBe(true);
    expect(
      isAnthropicModel(
        'arn:aws:bedrock:us-east-1:123:inference-profile/us.anthropic.claude-sonnet-4-5-20250929-v1:0',
      ),
    ).toBe(true);
    expect(isAnthropicModel(nova)).toBe(false);
  });
});

describe('toBedrockConverseRequest', () => {
  it('maps sampling settings to inferenceConfig, without defaults', () => {
    const { body, warnings } = toBedrockConverseRequest(
      call({ maxOutputTokens: 100, temperature: 0.2, topP: 0.9, stopSequences: ['END'] }),
    );
    expect(body).toEqual({
      messages: [{ role: 'user', content: [{ text: 'Hi' }] }],
      inferenceConfig: { maxTokens: 100, temperature: 0.2, topP: 0.9, stopSequences: ['END'] },
    });
    expect(warnings).toEqual([]);
    expect(toBedrockConverseRequest(call({})).body.inferenceConfig).toBeUndefined();
  });

  it('maps tools and each tool choice', () => {
    const choices = [
      [{ type: 'auto' }, { auto: {} }],
      [{ type: 'required' }, { any: {} }],
      [{ type: 'tool', toolName: 'get_weather' }, { tool: { name: 'get_weather' } }],
    ] as const;
    for (const [toolChoice, wire] of choices) {
      const { body } = toBedrockConverseRequest(call({ tools: [weather], toolChoice }));
      expect(body.toolConfig).toEqual({
        tools: [
          {
            toolSpec: {
              name: 'get_weather',
              description: 'Weather',
              inputSchema: { json: weather.inputSchema },
            },
          },
        ],
        toolChoice: wire,
      });
    }
    expect(
      toBedrockConverseRequest(call({ tools: [weather], toolChoice: { type: 'none' } })).body.toolConfig,
    ).toBeUndefined();
  });

  it("keeps the tools with 'auto' for tool choice none when the conversation has tool blocks", () => {
    const { body, warnings } = toBedrockConverseRequest(
      call({
        tools: [weather],
        toolChoice: { type: 'none' },
        messages: [
          { role: 'user', content: [{ type: 'text', text: 'Weather?' }] },
          {
            role: 'assistant',
            content: [{ type: 'tool-call', toolCallId: 't1', toolName: 'get_weather', input: '{}' }],
          },
          { role: 'tool', content: [{ type: 'tool-result', toolCallId: 't1', output: 'Sunny' }] },
        ],
      }),
    );
    expect(body.toolConfig?.toolChoice).toEqual({ auto: {} });
    expect(warnings).toEqual([expect.objectContaining({ feature: 'toolChoice' })]);
  });

  it('puts a cache point after a marked tool', () => {
    const { body } = toBedrockConverseRequest(
      call({
        tools: [{ ...weather, providerOptions: { anthropic: { cache_control: { type: 'ephemeral' } } } }],
      }),
    );
    expect(body.toolConfig?.tools[1]).toEqual({ cachePoint: { type: 'default' } });
  });

  it('maps reasoning and top-k to additionalModelRequestFields for Anthropic models', () => {
    const budget = toBedrockConverseRequest(
      call({ reasoning: { budgetTokens: 2048 }, topK: 5, maxOutputTokens: 4000 }),
    );
    expect(budget.body.additionalModelRequestFields).toEqual({
      top_k: 5,
      thinking: { type: 'enabled', budget_tokens: 2048 },
    });
    expect(budget.body.inferenceConfig?.maxTokens).toBe(4000);
    const effort = toBedrockConverseRequest(call({ reasoning: { effort: 'medium' } }));
    expect(effort.body.additionalModelRequestFields).toEqual({
      thinking: { type: 'enabled', budget_tokens: 4096 },
    });
    expect(effort.body.inferenceConfig?.maxTokens).toBe(4096 + 4096);
    expect(effort.warnings).toEqual([
      expect.objectContaining({ type: 'compatibility', feature: 'reasoning' }),
    ]);
  });

  it('warns instead for other models', () => {
    const { body, warnings } = toBedrockConverseRequest(
      call({ reasoning: { budgetTokens: 2048 }, topK: 5 }, nova),
    );
    expect(body.additionalModelRequestFields).toBeUndefined();
    expect(warnings.map((warning) => 'feature' in warning && warning.feature)).toEqual(['reasoning', 'topK']);
  });

  it("passes an Anthropic client's anthropic-beta header as anthropic_beta", () => {
    const { body } = toBedrockConverseRequest(
      call({
        source: {
          format: 'anthropic',
          extraFields: {},
          forwardHeaders: { 'anthropic-beta': 'context-1m-2025-08-07, x' },
        },
      }),
    );
    expect(body.additionalModelRequestFields).toEqual({ anthropic_beta: ['context-1m-2025-08-07', 'x'] });
  });

  it('asks for JSON in the system prompt, with a compatibility warning', () => {
    const { body, warnings } = toBedrockConverseRequest(
      call({ responseFormat: { type: 'json', schema: { type: 'object' }, name: 'answer' } }),
    );
    expect(body.system?.[0]).toEqual({ text: expect.stringContaining('JSON Schema "answer"') });
    expect(warnings).toEqual([expect.objectContaining({ type: 'compatibility', feature: 'responseFormat' })]);
  });

  it('maps metadata to requestMetadata and warns about what Converse cannot express', () => {
    const { body, warnings } = toBedrockConverseRequest(
      call({
        metadata: { team: 'search' },
        seed: 1,
        n: 2,
        presencePenalty: 0.1,
        frequencyPenalty: 0.1,
        logprobs: true,
        user: 'u1',
        parallelToolCalls: false,
        tools: [weather],
        source: {
          format: 'openai',
          extraFields: { logit_bias: { 1: 2 }, models: ['x'] },
          forwardHeaders: {},
        },
      }),
    );
    expect(body.requestMetadata).toEqual({ team: 'search' });
    expect(warnings.map((warning) => 'feature' in warning && warning.feature).sort()).toEqual(
      [
        'frequencyPenalty',
        'logit_bias',
        'logprobs',
        'n',
        'parallelToolCalls',
        'presencePenalty',
        'seed',
        'user',
      ].sort(),
    );
  });

  it('merges providerOptions.bedrock last', () => {
    const { body } = toBedrockConverseRequest(
      call({
        metadata: { team: 'search' },
        topK: 3,
        providerOptions: {
          bedrock: {
            guardrailConfig: { guardrailIdentifier: 'gr-1', guardrailVersion: '1', trace: 'enabled' },
            additionalModelRequestFields: { top_k: 9 },
            requestMetadata: { env: 'prod' },
            performanceConfig: { latency: 'optimized' },
          },
        },
      }),
    );
    expect(body.guardrailConfig).toEqual({
      guardrailIdentifier: 'gr-1',
      guardrailVersion: '1',
      trace: 'enabled',
    });
    expect(body.additionalModelRequestFields).toEqual({ top_k: 9 });
    expect(body.requestMetadata).toEqual({ team: 'search', env: 'prod' });
    expect(body.performanceConfig).toEqual({ latency: 'optimized' });
  });
});
