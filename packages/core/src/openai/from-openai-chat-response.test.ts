import { describe, expect, it } from 'vitest';
import { GatewayError } from '../errors/gateway-error.js';
import type { Warning } from '../spec/v1/warning.js';
import { fromOpenAIChatResponse } from './from-openai-chat-response.js';
import { readFixture } from './openai-test-utils.js';

function rejection(json: unknown): GatewayError {
  try {
    fromOpenAIChatResponse(json, []);
  } catch (error) {
    if (GatewayError.isInstance(error)) return error;
    throw error;
  }
  throw new Error('expected a rejection');
}

describe('fromOpenAIChatResponse', () => {
  it('converts the plain completion fixture', () => {
    const warnings: Warning[] = [{ type: 'unsupported', feature: 'topK' }];
    const fixture = readFixture('openai-chat-completion.json');
    expect(fromOpenAIChatResponse(fixture, warnings)).toEqual({
      content: [{ type: 'text', text: 'Hello! How can I assist you today?' }],
      finishReason: { unified: 'stop', raw: 'stop' },
      usage: {
        inputTokens: { total: 19, noCache: 19, cacheRead: 0, cacheWrite: undefined },
        outputTokens: { total: 10, text: 10, reasoning: 0 },
        raw: fixture.usage,
      },
      warnings,
      response: {
        id: 'chatcmpl-B9MBs8CjcvOU2jLn4n570S5qMJKcT',
        modelId: 'gpt-4.1-2025-04-14',
        created: 1741569952,
        extra: { system_fingerprint: 'fp_50cad350e4', service_tier: 'default' },
      },
    });
  });

  it('converts the tool-call fixture', () => {
    const result = fromOpenAIChatResponse(readFixture('openai-chat-completion-tool-calls.json'), []);
    expect(result.content).toEqual([
      {
        type: 'tool-call',
        toolCallId: 'call_abc123',
        toolName: 'get_current_weather',
        input: '{\n"location": "Boston, MA"\n}',
      },
    ]);
    expect(result.finishReason).toEqual({ unified: 'tool-calls', raw: 'tool_calls' });
    expect(result.usage.inputTokens).toEqual({
      total: 82,
      noCache: undefined,
      cacheRead: undefined,
      cacheWrite: undefined,
    });
    expect(result.usage.outputTokens).toEqual({ total: 17, text: 17, reasoning: 0 });
  });

  it('orders reasoning, text, refusal, tool calls and keeps logprobs', () => {
    const logprobs = {
      content: [{ token: 'OK', logprob: -0.01, bytes: [79, 75], top_logprobs: [] }],
      refusal: null,
    };
    const result = fromOpenAIChatResponse(
      {
        id: 'gen-1',
        model: 'deepseek/deepseek-r1',
        choices: [
          {
            message: {
              role: 'assistant',
              tool_calls: [{ type: 'function', function: { name: 'f', arguments: '{"a":1}' } }],
              refusal: 'Partly.',
              content: 'OK',
              reasoning: 'Because.',
            },
            finish_reason: 'tool_calls',
            logprobs,
          },
        ],
        usage: {
          prompt_tokens: 5,
          completion_tokens: 7,
          prompt_tokens_details: { cached_tokens: 2, cache_write_tokens: 1 },
        },
      },
      [],
    );
    expect(result.content.map((part) => part.type)).toEqual(['reasoning', 'text', 'refusal', 'tool-call']);
    expect(result.content[3]).toMatchObject({ toolName: 'f', input: '{"a":1}' });
    expect((result.content[3] as { toolCallId: string }).toolCallId).toMatch(/^call_[0-9a-f]{24}$/);
    expect(result.logprobs).toEqual(logprobs);
    expect(result.usage.inputTokens).toEqual({ total: 5, noCache: 2, cacheRead: 2, cacheWrite: 1 });
    expect(result.response).toEqual({ id: 'gen-1', modelId: 'deepseek/deepseek-r1' });
  });

  it('reads reasoning_content and array content', () => {
    const result = fromOpenAIChatResponse(
      {
        choices: [
          {
            message: {
              reasoning_content: 'Think.',
              content: [
                { type: 'text', text: 'A' },
                { type: 'text', text: 'B' },
              ],
            },
            finish_reason: 'stop',
          },
        ],
      },
      [],
    );
    expect(result.content).toEqual([
      { type: 'reasoning', text: 'Think.' },
      { type: 'text', text: 'AB' },
    ]);
  });

  it('rejects bodies that are not chat completions with a retryable 502', () => {
    const wrongType = rejection({ choices: [{ message: { content: 5 } }] });
    expect(wrongType.status).toBe(502);
    expect(wrongType.type).toBe('upstream_error');
    expect(wrongType.isRetryable).toBe(true);
    expect(wrongType.message).toMatch(
      /^Upstream returned an invalid chat completion: choices\[0\]\.message\.content/,
    );

    expect(rejection('<html>').message).toBe(
      'Upstream returned an invalid chat completion: not a JSON object',
    );
    expect(rejection({ choices: [] }).message).toBe(
      'Upstream returned an invalid chat completion: no choices',
    );
    expect(rejection({ error: { message: 'Provider returned error', code: 500 } }).message).toBe(
      'Upstream returned an invalid chat completion: Provider returned error',
    );
  });
});
