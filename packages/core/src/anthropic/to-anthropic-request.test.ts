import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { ChatRequest } from '../spec/v1/chat-request.js';
import type { ProviderCall } from '../spec/v1/provider-adapter.js';
import { decodeOpenAIChatRequest } from '../openai/decode-openai-chat-request.js';
import { decodeAnthropicMessagesRequest } from './decode-anthropic-request.js';
import {
  DEFAULT_ANTHROPIC_MAX_TOKENS,
  toAnthropicCountTokensRequest,
  toAnthropicMessagesRequest,
} from './to-anthropic-request.js';

function fixture(name: string): Record<string, unknown> {
  return JSON.parse(readFileSync(new URL(`./__fixtures__/${name}`, import.meta.url), 'utf8'));
}

function call(request: ChatRequest, modelId = 'claude-haiku-4-5-20251001'): ProviderCall {
  return { modelId, request, signal: new AbortController().signal };
}

const hello: ChatRequest['messages'] = [{ role: 'user', content: [{ type: 'text', text: 'Hello' }] }];

/** A request as an OpenAI client's decoder would produce it. */
function openAIRequest(overrides: Partial<ChatRequest> = {}): ChatRequest {
  return {
    model: 'anthropic/claude-haiku-4.5',
    messages: hello,
    stream: false,
    source: { format: 'openai', extraFields: {}, forwardHeaders: {} },
    ...overrides,
  };
}

describe('toAnthropicMessagesRequest', () => {
  it('sends an Anthropic client’s request on unchanged, unknown fields included', () => {
    const wire = fixture('anthropic-request.json');
    const { body, warnings } = toAnthropicMessagesRequest(
      call(decodeAnthropicMessagesRequest(wire), 'claude-sonnet-4-5-20250929'),
    );
    const { models: _models, stream: _stream, ...expected } = wire;
    expect(body).toEqual({ ...expected, model: 'claude-sonnet-4-5-20250929' });
    expect(warnings).toEqual([]);
  });

  it('drops gateway-only routing fields and keeps a verbatim thinking type', () => {
    const request = decodeAnthropicMessagesRequest({
      model: 'anthropic/claude-opus-4.5',
      max_tokens: 10,
      messages: [{ role: 'user', content: 'Hi' }],
      thinking: { type: 'adaptive' },
      provider: { order: ['anthropic'] },
      providerOptions: { gateway: { order: ['anthropic'] } },
      fallbacks: ['openai/gpt-4o'],
      container: 'container_1',
    });
    const { body } = toAnthropicMessagesRequest(call(request, 'claude-opus-4-5'));
    expect(body).toEqual({
      model: 'claude-opus-4-5',
      max_tokens: 10,
      messages: [{ role: 'user', content: [{ type: 'text', text: 'Hi' }] }],
      thinking: { type: 'adaptive' },
      container: 'container_1',
    });
  });

  it('lets mapped fields win over extra fields', () => {
    const request = openAIRequest({
      maxOutputTokens: 50,
      source: {
        format: 'anthropic',
        extraFields: { max_tokens: 9999, model: 'x', top_k: 3 },
        forwardHeaders: {},
      },
    });
    const { body } = toAnthropicMessagesRequest(call(request));
    expect(body).toMatchObject({ model: 'claude-haiku-4-5-20251001', max_tokens: 50, top_k: 3 });
  });

  it('builds a minimal body for an OpenAI client, with the default max_tokens', () => {
    const { body, warnings } = toAnthropicMessagesRequest(call(openAIRequest()));
    expect(body).toEqual({
      model: 'claude-haiku-4-5-20251001',
      max_tokens: DEFAULT_ANTHROPIC_MAX_TOKENS,
      messages: [{ role: 'user', content: [{ type: 'text', text: 'Hello' }] }],
    });
    expect(warnings).toEqual([]);
    expect(
      toAnthropicMessagesRequest(call(openAIRequest()), { defaultMaxTokens: 1000 }).body.max_tokens,
    ).toBe(1000);
  });

  it('maps sampling, stop sequences and the user, and warns about what Anthropic lacks', () => {
    const { body, warnings } = toAnthropicMessagesRequest(
      call(
        openAIRequest({
          temperature: 1.4,
          topP: 0.9,
          stopSequences: ['END'],
          user: 'user-1',
          n: 2,
          seed: 7,
          presencePenalty: 0.1,
          frequencyPenalty: 0.2,
          logprobs: true,
          metadata: { run: 'a' },
        }),
      ),
    );
    expect(body).toMatchObject({
      temperature: 1.4,
      top_p: 0.9,
      stop_sequences: ['END'],
      metadata: { user_id: 'user-1' },
    });
    expect(
      warnings.map((warning) =>
        warning.type === 'other' ? warning.message : `${warning.type}:${warning.feature}`,
      ),
    ).toEqual([
      'compatibility:temperature',
      'unsupported:n',
      'unsupported:seed',
      'unsupported:presencePenalty',
      'unsupported:frequencyPenalty',
      'unsupported:logprobs',
      'unsupported:metadata',
    ]);
  });

  it('maps tools, tool choice and parallel tool calls', () => {
    const tools: ChatRequest['tools'] = [
      {
        type: 'function',
        name: 'lookup',
        description: 'Look up',
        inputSchema: { type: 'object', properties: {} },
        strict: true,
        providerOptions: { anthropic: { cache_control: { type: 'ephemeral' } } },
      },
      { type: 'provider', format: 'openai', name: 'file_search', raw: { type: 'file_search' } },
    ];
    const build = (overrides: Partial<ChatRequest>) =>
      toAnthropicMessagesRequest(call(openAIRequest({ tools, ...overrides })));
    const { body, warnings } = build({ toolChoice: { type: 'required' } });
    expect(body.tools).toEqual([
      {
        name: 'lookup',
        description: 'Look up',
        input_schema: { type: 'object', properties: {} },
        cache_control: { type: 'ephemeral' },
      },
    ]);
    expect(body.tool_choice).toEqual({ type: 'any' });
    expect(warnings.map((warning) => warning.type !== 'other' && warning.feature)).toEqual([
      'strict tools',
      'provider tool file_search (openai)',
    ]);
    expect(build({ parallelToolCalls: false }).body.tool_choice).toEqual({
      type: 'auto',
      disable_parallel_tool_use: true,
    });
    expect(
      build({ toolChoice: { type: 'tool', toolName: 'lookup' }, parallelToolCalls: false }).body.tool_choice,
    ).toEqual({
      type: 'tool',
      name: 'lookup',
      disable_parallel_tool_use: true,
    });
    expect(build({ toolChoice: { type: 'none' }, parallelToolCalls: false }).body.tool_choice).toEqual({
      type: 'none',
    });
    const withoutTools = toAnthropicMessagesRequest(call(openAIRequest({ toolChoice: { type: 'auto' } })));
    expect(withoutTools.body).not.toHaveProperty('tool_choice');
  });

  it('honours cache_control set on system parts by a middleware for an OpenAI client', () => {
    const { body } = toAnthropicMessagesRequest(
      call(
        openAIRequest({
          messages: [
            {
              role: 'system',
              content: [
                {
                  type: 'text',
                  text: 'Long static prompt',
                  providerOptions: { anthropic: { cache_control: { type: 'ephemeral' } } },
                },
              ],
            },
            ...hello,
          ],
        }),
      ),
    );
    expect(body.system).toEqual([
      { type: 'text', text: 'Long static prompt', cache_control: { type: 'ephemeral' } },
    ]);
    expect(body).not.toHaveProperty('store');
  });

  it("warns about an OpenAI client's fields Anthropic has no equivalent for, and does not send them", () => {
    const source = {
      format: 'openai' as const,
      extraFields: {
        store: true,
        logit_bias: { '1': 2 },
        provider: { order: ['x'] },
        usage: { include: true },
      },
      forwardHeaders: {},
    };
    const { body, warnings } = toAnthropicMessagesRequest(call(openAIRequest({ source })));
    expect(body).not.toHaveProperty('store');
    expect(body).not.toHaveProperty('logit_bias');
    // Hosted-gateway routing fields are the gateway's own, not dropped features.
    expect(warnings.map((warning) => warning.type === 'unsupported' && warning.feature)).toEqual([
      'store',
      'logit_bias',
    ]);
  });

  it("sends an OpenAI client's cache_control markers (OpenRouter style) on parts and tools", () => {
    const marker = { type: 'ephemeral' };
    const request = decodeOpenAIChatRequest({
      model: 'anthropic/claude-haiku-4-5',
      messages: [
        { role: 'system', content: [{ type: 'text', text: 'Long static prompt', cache_control: marker }] },
        { role: 'user', content: [{ type: 'text', text: 'Hi', cache_control: marker }] },
      ],
      tools: [
        { type: 'function', function: { name: 'f', parameters: { type: 'object' } }, cache_control: marker },
      ],
    });
    const { body, warnings } = toAnthropicMessagesRequest(call(request));
    expect(body.system).toEqual([{ type: 'text', text: 'Long static prompt', cache_control: marker }]);
    expect(body.messages).toEqual([
      { role: 'user', content: [{ type: 'text', text: 'Hi', cache_control: marker }] },
    ]);
    expect(body.tools).toEqual([{ name: 'f', input_schema: { type: 'object' }, cache_control: marker }]);
    expect(warnings).toEqual([]);
  });

  it('asks for JSON in the system prompt when a JSON response format is requested', () => {
    const schema = { type: 'object', properties: { answer: { type: 'string' } }, required: ['answer'] };
    const { body, warnings } = toAnthropicMessagesRequest(
      call(openAIRequest({ responseFormat: { type: 'json', schema, name: 'reply' } })),
    );
    const system = body.system as Array<{ type: string; text: string }>;
    expect(system).toHaveLength(1);
    expect(system[0]?.text).toContain('JSON Schema "reply"');
    expect(system[0]?.text).toContain(JSON.stringify(schema));
    expect(warnings).toEqual([expect.objectContaining({ type: 'compatibility', feature: 'responseFormat' })]);
    const plain = toAnthropicMessagesRequest(call(openAIRequest({ responseFormat: { type: 'json' } })));
    expect((plain.body.system as Array<{ text: string }>)[0]?.text).toMatch(
      /^Respond with a single valid JSON value/,
    );
  });

  it('maps reasoning to thinking and raises the default max_tokens by the budget', () => {
    const budget = toAnthropicMessagesRequest(
      call(openAIRequest({ reasoning: { enabled: true, budgetTokens: 2000 } })),
    );
    expect(budget.body).toMatchObject({
      thinking: { type: 'enabled', budget_tokens: 2000 },
      max_tokens: 6096,
    });
    expect(budget.warnings).toEqual([]);

    const effort = toAnthropicMessagesRequest(call(openAIRequest({ reasoning: { effort: 'high' } })));
    expect(effort.body).toMatchObject({
      thinking: { type: 'enabled', budget_tokens: 16384 },
      max_tokens: 16384 + 4096,
    });
    expect(effort.warnings).toEqual([
      expect.objectContaining({ type: 'compatibility', feature: 'reasoning' }),
    ]);

    const low = toAnthropicMessagesRequest(
      call(openAIRequest({ reasoning: { effort: 'medium' }, maxOutputTokens: 3000 })),
    );
    expect(low.body).toMatchObject({ thinking: { type: 'enabled', budget_tokens: 1500 }, max_tokens: 3000 });

    const tooSmall = toAnthropicMessagesRequest(
      call(openAIRequest({ reasoning: { effort: 'low' }, maxOutputTokens: 500 })),
    );
    expect(tooSmall.body).not.toHaveProperty('thinking');
    expect(tooSmall.warnings).toHaveLength(1);

    expect(
      toAnthropicMessagesRequest(call(openAIRequest({ reasoning: { enabled: false } }))).body.thinking,
    ).toEqual({
      type: 'disabled',
    });
    expect(
      toAnthropicMessagesRequest(call(openAIRequest({ reasoning: { effort: 'none' } }))).body,
    ).not.toHaveProperty('thinking');
  });

  it('does not enable thinking in a tool loop whose assistant turn came without thinking', () => {
    const { body, warnings } = toAnthropicMessagesRequest(
      call(
        openAIRequest({
          reasoning: { effort: 'low' },
          messages: [
            ...hello,
            {
              role: 'assistant',
              content: [{ type: 'tool-call', toolCallId: 'c', toolName: 'f', input: '{}' }],
            },
            { role: 'tool', content: [{ type: 'tool-result', toolCallId: 'c', output: 'ok' }] },
          ],
        }),
      ),
    );
    expect(body).not.toHaveProperty('thinking');
    expect(body.max_tokens).toBe(DEFAULT_ANTHROPIC_MAX_TOKENS);
    expect(warnings.at(-1)).toMatchObject({ type: 'compatibility', feature: 'reasoning' });
  });
});

describe('toAnthropicCountTokensRequest', () => {
  it('keeps only the fields the count-tokens endpoint accepts', () => {
    const request = decodeAnthropicMessagesRequest(fixture('anthropic-request.json'));
    const { body } = toAnthropicCountTokensRequest(call(request, 'claude-sonnet-4-5-20250929'));
    expect(Object.keys(body).sort()).toEqual(
      ['context_management', 'messages', 'model', 'system', 'thinking', 'tool_choice', 'tools'].sort(),
    );
  });
});
