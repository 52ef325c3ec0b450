import { describe, expect, it } from 'vitest';
import type { ChatRequest } from '../spec/v1/chat-request.js';
import type { ProviderCall } from '../spec/v1/provider-adapter.js';
import { decodeOpenAIChatRequest } from './decode-openai-chat-request.js';
import { chatRequest, readFixture } from './openai-test-utils.js';
import { decodeAnthropicMessagesRequest } from '../anthropic/decode-anthropic-request.js';
import { toOpenAIChatRequest } from './to-openai-chat-request.js';

function call(request: ChatRequest, modelId = 'gpt-4o-mini-2024-07-18'): ProviderCall {
  return { modelId, request, signal: new AbortController().signal };
}

describe('toOpenAIChatRequest', () => {
  it('round-trips the request fixture, minus reasoning history and gateway routing options', () => {
    const fixture = readFixture('openai-chat-request.json');
    const { body, warnings } = toOpenAIChatRequest(call(decodeOpenAIChatRequest(fixture), 'gpt-4o-mini'));
    const { models: _models, provider: _provider, providerOptions: _providerOptions, ...expected } = fixture;
    const messages = structuredClone(expected.messages) as Array<Record<string, unknown>>;
    delete messages[3]?.reasoning;
    expect(body).toEqual({ ...expected, messages, stop: ['END'] });
    expect(warnings).toEqual([]);
  });

  it('always asks for the usage chunk when streaming, keeping other stream options', () => {
    const streamed = toOpenAIChatRequest(
      call(
        decodeOpenAIChatRequest({
          model: 'm',
          messages: [{ role: 'user', content: 'Hi' }],
          stream: true,
          stream_options: { include_usage: false, include_obfuscation: false },
        }),
      ),
    );
    expect(streamed.body.stream).toBe(true);
    expect(streamed.body.stream_options).toEqual({ include_usage: true, include_obfuscation: false });

    const anthropicClient = toOpenAIChatRequest(call(chatRequest({ stream: true })));
    expect(anthropicClient.body).toEqual({
      model: 'gpt-4o-mini-2024-07-18',
      messages: [{ role: 'user', content: 'Hi' }],
      stream: true,
      stream_options: { include_usage: true },
    });

    const forcedOff = toOpenAIChatRequest(call(chatRequest({ stream: true })), { stream: false });
    expect(forcedOff.body).toEqual({
      model: 'gpt-4o-mini-2024-07-18',
      messages: [{ role: 'user', content: 'Hi' }],
    });
  });

  it('picks the max tokens field: option, then the client’s, then max_tokens', () => {
    const request = chatRequest({ maxOutputTokens: 64 });
    expect(toOpenAIChatRequest(call(request)).body.max_tokens).toBe(64);
    const clientUsed = {
      ...request,
      providerOptions: { openai: { maxTokensField: 'max_completion_tokens' } },
    };
    expect(toOpenAIChatRequest(call(clientUsed)).body.max_completion_tokens).toBe(64);
    const forced = toOpenAIChatRequest(call(clientUsed), { maxTokensField: 'max_tokens' }).body;
    expect(forced.max_tokens).toBe(64);
    expect(forced.max_completion_tokens).toBeUndefined();
  });

  it('passes extra fields through only for OpenAI clients, mapped fields winning', () => {
    const source = {
      format: 'openai' as const,
      extraFields: {
        logit_bias: { '1': 5 },
        temperature: 2,
        models: ['a'],
        provider: { order: ['x'] },
        providerOptions: { gateway: {} },
        route: 'fallback',
        transforms: ['middle-out'],
        usage: { include: true },
      },
      forwardHeaders: {},
    };
    const openaiClient = toOpenAIChatRequest(call(chatRequest({ temperature: 0.5, source }))).body;
    expect(openaiClient).toEqual({
      model: 'gpt-4o-mini-2024-07-18',
      messages: [{ role: 'user', content: 'Hi' }],
      temperature: 0.5,
      logit_bias: { '1': 5 },
    });
    const anthropicClient = toOpenAIChatRequest(
      call(chatRequest({ source: { ...source, format: 'anthropic' } })),
    ).body;
    expect(anthropicClient.logit_bias).toBeUndefined();
  });

  it('maps sampling, tools, tool choice, response formats and reasoning effort', () => {
    const { body, warnings } = toOpenAIChatRequest(
      call(
        chatRequest({
          temperature: 0,
          topP: 1,
          topK: 40,
          stopSequences: ['\n\nHuman:'],
          tools: [
            {
              type: 'function',
              name: 'f',
              inputSchema: { type: 'object' },
              providerOptions: { openai: { cache_control: { type: 'ephemeral' } } },
            },
            {
              type: 'provider',
              format: 'openai',
              name: 'grammar',
              raw: { type: 'custom', custom: { name: 'grammar' } },
            },
            {
              type: 'provider',
              format: 'anthropic',
              name: 'web_search',
              raw: { type: 'web_search_20250305', name: 'web_search' },
            },
          ],
          toolChoice: { type: 'tool', toolName: 'f' },
          parallelToolCalls: true,
          responseFormat: { type: 'json', schema: { type: 'object' } },
          reasoning: { budgetTokens: 4000 },
        }),
      ),
    );
    expect(body).toEqual({
      model: 'gpt-4o-mini-2024-07-18',
      messages: [{ role: 'user', content: 'Hi' }],
      temperature: 0,
      top_p: 1,
      stop: ['\n\nHuman:'],
      tools: [
        {
          type: 'function',
          function: { name: 'f', parameters: { type: 'object' } },
          cache_control: { type: 'ephemeral' },
        },
        { type: 'custom', custom: { name: 'grammar' } },
      ],
      tool_choice: { type: 'function', function: { name: 'f' } },
      parallel_tool_calls: true,
      response_format: { type: 'json_schema', json_schema: { name: 'response', schema: { type: 'object' } } },
      reasoning_effort: 'medium',
    });
    expect(warnings).toEqual([
      { type: 'unsupported', feature: 'topK' },
      { type: 'unsupported', feature: 'provider tool web_search', details: 'a tool of the anthropic format' },
      {
        type: 'compatibility',
        feature: 'reasoning.budgetTokens',
        details: 'a budget of 4000 tokens was sent as reasoning_effort "medium"',
      },
    ]);
  });

  it('maps reasoning budgets to efforts and omits disabled reasoning', () => {
    const effort = (reasoning: ChatRequest['reasoning']) =>
      toOpenAIChatRequest(call(chatRequest({ reasoning }))).body.reasoning_effort;
    expect(effort({ budgetTokens: 1024 })).toBe('low');
    expect(effort({ budgetTokens: 8192 })).toBe('medium');
    expect(effort({ budgetTokens: 32000 })).toBe('high');
    expect(effort({ effort: 'minimal', budgetTokens: 32000 })).toBe('minimal');
    expect(effort({ enabled: false, effort: 'high' })).toBeUndefined();
  });

  it('passes metadata on only for OpenAI clients (OpenAI requires store with it)', () => {
    const source = { format: 'openai' as const, extraFields: { store: true }, forwardHeaders: {} };
    const fromOpenAI = toOpenAIChatRequest(call(chatRequest({ metadata: { team: 'a' }, source })));
    expect(fromOpenAI.body).toMatchObject({ metadata: { team: 'a' }, store: true });
    expect(fromOpenAI.warnings).toEqual([]);
    const fromElsewhere = toOpenAIChatRequest(call(chatRequest({ metadata: { team: 'a' }, user: 'u-1' })));
    expect(fromElsewhere.body.metadata).toBeUndefined();
    expect(fromElsewhere.body.user).toBe('u-1');
    expect(fromElsewhere.warnings).toEqual([
      { type: 'unsupported', feature: 'metadata', details: 'OpenAI accepts it only with store: true' },
    ]);
  });

  it('writes JSON mode, and drops tool choice and parallel calls when there are no tools', () => {
    const { body } = toOpenAIChatRequest(
      call(
        chatRequest({
          responseFormat: { type: 'json' },
          toolChoice: { type: 'auto' },
          parallelToolCalls: false,
        }),
      ),
    );
    expect(body.response_format).toEqual({ type: 'json_object' });
    expect(body.tool_choice).toBeUndefined();
    expect(body.parallel_tool_calls).toBeUndefined();
  });

  it("warns about an Anthropic client's fields OpenAI has no equivalent for, and does not send them", () => {
    const request = decodeAnthropicMessagesRequest({
      model: 'openai/gpt-4o-mini',
      max_tokens: 100,
      messages: [{ role: 'user', content: 'Hi' }],
      context_management: { edits: [{ type: 'clear_tool_uses_20250919' }] },
      service_tier: 'auto',
      fallbacks: ['anthropic/claude-haiku-4-5'],
    });
    const { body, warnings } = toOpenAIChatRequest(call(request));
    expect(body).not.toHaveProperty('context_management');
    expect(body).not.toHaveProperty('service_tier');
    // `fallbacks` is a hosted-gateway routing field: the gateway's own, not a dropped feature.
    expect(warnings.map((warning) => warning.type === 'unsupported' && warning.feature)).toEqual([
      'context_management',
      'service_tier',
    ]);
  });

  it("maps an Anthropic client's structured output (output_config.format) to response_format", () => {
    const schema = { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] };
    for (const field of [
      { output_config: { format: { type: 'json_schema', schema } } },
      { output_format: { type: 'json_schema', schema } },
    ]) {
      const request = decodeAnthropicMessagesRequest({
        model: 'openai/gpt-4o-mini',
        max_tokens: 100,
        messages: [{ role: 'user', content: 'Hi' }],
        ...field,
      });
      const { body, warnings } = toOpenAIChatRequest(call(request));
      expect(body.response_format).toEqual({
        type: 'json_schema',
        json_schema: { name: 'response', schema },
      });
      expect(warnings).toEqual([]);
    }
  });

  it("cuts more than 4 stop sequences of another format's client to OpenAI's 4, with a warning", () => {
    const stopSequences = ['a', 'b', 'c', 'd', 'e'];
    const { body, warnings } = toOpenAIChatRequest(call(chatRequest({ stopSequences })));
    expect(body.stop).toEqual(['a', 'b', 'c', 'd']);
    expect(warnings).toEqual([
      { type: 'compatibility', feature: 'stopSequences', details: expect.stringContaining('"e"') },
    ]);
    // An OpenAI client's own list goes as sent: its upstream decides.
    const source = { format: 'openai' as const, extraFields: {}, forwardHeaders: {} };
    const own = toOpenAIChatRequest(call(chatRequest({ stopSequences, source })));
    expect(own.body.stop).toEqual(stopSequences);
    expect(own.warnings).toEqual([]);
  });
});
