import { describe, expect, it } from 'vitest';
import type { GenerateResult } from '../spec/v1/generate-result.js';
import { encodeOpenAIChatResponse } from './encode-openai-chat-response.js';
import { openaiChatCompletionSchema } from './openai-chat-completion-schema.js';
import { encodeOptions } from './openai-test-utils.js';

function result(overrides: Partial<GenerateResult> = {}): GenerateResult {
  return {
    content: [{ type: 'text', text: 'Hello!' }],
    finishReason: { unified: 'stop', raw: 'end_turn' },
    usage: {
      inputTokens: { total: 12, noCache: 12, cacheRead: undefined, cacheWrite: undefined },
      outputTokens: { total: 3, text: undefined, reasoning: undefined },
    },
    warnings: [],
    response: {},
    ...overrides,
  };
}

describe('encodeOpenAIChatResponse', () => {
  it('writes exactly the chat.completion shape', () => {
    const body = encodeOpenAIChatResponse(result(), encodeOptions());
    expect(body).toStrictEqual({
      id: 'chatcmpl-test',
      object: 'chat.completion',
      created: 1700000000,
      model: 'openai/gpt-4o-mini',
      choices: [
        {
          index: 0,
          message: { role: 'assistant', content: 'Hello!', refusal: null },
          logprobs: null,
          finish_reason: 'stop',
        },
      ],
      usage: { prompt_tokens: 12, completion_tokens: 3, total_tokens: 15 },
    });
    expect(openaiChatCompletionSchema.safeParse(body).success).toBe(true);
  });

  it('writes tool calls, reasoning, refusal, logprobs, details and the fingerprint', () => {
    const logprobs = {
      content: [{ token: 'I', logprob: -0.1, bytes: [73], top_logprobs: [] }],
      refusal: null,
    };
    const body = encodeOpenAIChatResponse(
      result({
        content: [
          { type: 'reasoning', text: 'Let me think.' },
          { type: 'reasoning', text: 'Weather tool.' },
          { type: 'text', text: 'Checking' },
          { type: 'text', text: ' now.' },
          { type: 'refusal', text: 'Partly refused.' },
          { type: 'tool-call', toolCallId: 'call_1', toolName: 'get_weather', input: '{"city":"Paris"}' },
          { type: 'tool-call', toolCallId: 'call_2', toolName: 'get_time', input: '{}' },
        ],
        finishReason: { unified: 'tool-calls', raw: 'tool_use' },
        usage: {
          inputTokens: { total: 100, noCache: 20, cacheRead: 70, cacheWrite: 10 },
          outputTokens: { total: 50, text: 30, reasoning: 20 },
        },
        logprobs,
        response: { extra: { system_fingerprint: 'fp_1', service_tier: 'standard' } },
      }),
      encodeOptions(),
    );
    expect(body).toStrictEqual({
      id: 'chatcmpl-test',
      object: 'chat.completion',
      created: 1700000000,
      model: 'openai/gpt-4o-mini',
      choices: [
        {
          index: 0,
          message: {
            role: 'assistant',
            content: 'Checking now.',
            refusal: 'Partly refused.',
            tool_calls: [
              {
                id: 'call_1',
                type: 'function',
                function: { name: 'get_weather', arguments: '{"city":"Paris"}' },
              },
              { id: 'call_2', type: 'function', function: { name: 'get_time', arguments: '{}' } },
            ],
            reasoning: 'Let me think.\nWeather tool.',
          },
          logprobs,
          finish_reason: 'tool_calls',
        },
      ],
      usage: {
        prompt_tokens: 100,
        completion_tokens: 50,
        total_tokens: 150,
        prompt_tokens_details: { cached_tokens: 70, cache_write_tokens: 10 },
        completion_tokens_details: { reasoning_tokens: 20 },
      },
      system_fingerprint: 'fp_1',
    });
  });

  it('writes null content when there is no text', () => {
    const body = encodeOpenAIChatResponse(
      result({ content: [{ type: 'tool-call', toolCallId: 'c', toolName: 'f', input: '{}' }] }),
      encodeOptions(),
    );
    const choices = body.choices as Array<{ message: Record<string, unknown> }>;
    expect(choices[0]?.message.content).toBeNull();
  });

  it('merges the middlewares’ extension into body, choice, message and usage', () => {
    const options = encodeOptions({
      body: { provider: 'OpenAI', model: 'openai/gpt-4o-mini-2024-07-18' },
      choice: { native_finish_reason: 'end_turn' },
      message: { provider_metadata: { gateway: { cost: '0.0001' } } },
      usage: { cost: 0.0001, prompt_tokens_details: { cache_write_tokens: 0 } },
    });
    const body = encodeOpenAIChatResponse(
      result({
        usage: {
          inputTokens: { total: 12, noCache: 8, cacheRead: 4, cacheWrite: undefined },
          outputTokens: { total: 3, text: 3, reasoning: 0 },
        },
      }),
      options,
    );
    expect(body).toStrictEqual({
      id: 'chatcmpl-test',
      object: 'chat.completion',
      created: 1700000000,
      model: 'openai/gpt-4o-mini-2024-07-18',
      choices: [
        {
          index: 0,
          message: {
            role: 'assistant',
            content: 'Hello!',
            refusal: null,
            provider_metadata: { gateway: { cost: '0.0001' } },
          },
          logprobs: null,
          finish_reason: 'stop',
          native_finish_reason: 'end_turn',
        },
      ],
      usage: {
        prompt_tokens: 12,
        completion_tokens: 3,
        total_tokens: 15,
        prompt_tokens_details: { cached_tokens: 4, cache_write_tokens: 0 },
        completion_tokens_details: { reasoning_tokens: 0 },
        cost: 0.0001,
      },
      provider: 'OpenAI',
    });
    expect(options.extendCalls()).toBe(1);
  });
});
