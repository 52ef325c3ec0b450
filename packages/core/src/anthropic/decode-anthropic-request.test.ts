import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { GatewayError } from '../errors/gateway-error.js';
import {
  decodeAnthropicCountTokensRequest,
  decodeAnthropicMessagesRequest,
} from './decode-anthropic-request.js';

function fixture(name: string): Record<string, unknown> {
  return JSON.parse(readFileSync(new URL(`./__fixtures__/${name}`, import.meta.url), 'utf8'));
}

function decodeError(body: unknown): GatewayError {
  try {
    decodeAnthropicMessagesRequest(body);
  } catch (error) {
    if (GatewayError.isInstance(error)) return error;
    throw error;
  }
  throw new Error('expected a GatewayError');
}

const minimal = { model: 'claude-haiku-4-5', max_tokens: 100, messages: [{ role: 'user', content: 'Hi' }] };

describe('decodeAnthropicMessagesRequest', () => {
  it('decodes a full request into the canonical model', () => {
    const request = decodeAnthropicMessagesRequest(fixture('anthropic-request.json'));
    expect(request.model).toBe('claude-sonnet-4-5');
    expect(request.stream).toBe(true);
    expect(request.maxOutputTokens).toBe(2048);
    expect(request.temperature).toBe(1);
    expect(request.topK).toBe(40);
    expect(request.stopSequences).toEqual(['\n\nHuman:']);
    expect(request.user).toBe('user-4815');
    expect(request.reasoning).toEqual({ enabled: true, budgetTokens: 1024 });
    expect(request.toolChoice).toEqual({ type: 'auto' });
    expect(request.parallelToolCalls).toBe(false);
    expect(request.messages.map((message) => message.role)).toEqual([
      'system',
      'user',
      'assistant',
      'tool',
      'user',
    ]);
    expect(request.messages[0]).toEqual({
      role: 'system',
      content: [
        { type: 'text', text: 'You are a weather assistant. Answer briefly.' },
        {
          type: 'text',
          text: 'Reference manual: wind speeds are in km/h.',
          providerOptions: { anthropic: { cache_control: { type: 'ephemeral', ttl: '1h' } } },
        },
      ],
    });
    expect(request.messages[1]?.content).toEqual([
      { type: 'text', text: "What's the weather in San Francisco? Here is a photo and the forecast sheet." },
      {
        type: 'image',
        source: {
          type: 'base64',
          data: 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
        },
        mediaType: 'image/png',
      },
      {
        type: 'file',
        source: { type: 'base64', data: 'JVBERi0xLjQKJcfsj6IKNSAwIG9iago=' },
        mediaType: 'application/pdf',
        filename: 'forecast.pdf',
        providerOptions: {
          anthropic: { citations: { enabled: true }, cache_control: { type: 'ephemeral' } },
        },
      },
    ]);
    expect(request.messages[2]?.content).toEqual([
      {
        type: 'reasoning',
        text: 'I should call get_weather.',
        signature:
          'EqQBCgIYAhIM1gbcDa9GJwZA2b3hGgxBdjrkzLoky3dl1pkiMOYds3TRjrCx8ud6cFkT5oRX4BZ0cMasLhNsZ5xjyf4nOyc3XapyYz0kZd8YLl4q5Q==',
      },
      { type: 'text', text: 'Let me check.' },
      {
        type: 'tool-call',
        toolCallId: 'toolu_01A09q90qw90lq917835lq9',
        toolName: 'get_weather',
        input: '{"location":"San Francisco, CA"}',
      },
    ]);
    expect(request.messages[3]).toEqual({
      role: 'tool',
      content: [
        {
          type: 'tool-result',
          toolCallId: 'toolu_01A09q90qw90lq917835lq9',
          output: [{ type: 'text', text: '15 degrees, foggy' }],
          providerOptions: { anthropic: { cache_control: { type: 'ephemeral' } } },
        },
      ],
    });
    expect(request.messages[4]).toEqual({ role: 'user', content: [{ type: 'text', text: 'And tomorrow?' }] });
    expect(request.tools).toEqual([
      {
        type: 'function',
        name: 'get_weather',
        description: 'Get the current weather in a given location',
        inputSchema: expect.objectContaining({ type: 'object', required: ['location'] }),
        providerOptions: { anthropic: { cache_control: { type: 'ephemeral' } } },
      },
      {
        type: 'provider',
        format: 'anthropic',
        name: 'web_search',
        raw: { type: 'web_search_20250305', name: 'web_search', max_uses: 5 },
      },
    ]);
    expect(request.source).toEqual({
      format: 'anthropic',
      extraFields: {
        service_tier: 'auto',
        context_management: { edits: [{ type: 'clear_tool_uses_20250919' }] },
        models: ['anthropic/claude-sonnet-4.5', 'openai/gpt-4o'],
      },
      forwardHeaders: {},
    });
  });

  it('decodes string content, a string system prompt and defaults', () => {
    const request = decodeAnthropicMessagesRequest({ ...minimal, system: 'Be terse.' });
    expect(request).toEqual({
      model: 'claude-haiku-4-5',
      messages: [
        { role: 'system', content: [{ type: 'text', text: 'Be terse.' }] },
        { role: 'user', content: [{ type: 'text', text: 'Hi' }] },
      ],
      stream: false,
      maxOutputTokens: 100,
      source: { format: 'anthropic', extraFields: {}, forwardHeaders: {} },
    });
  });

  it('keeps routing options and unknown fields verbatim in extraFields', () => {
    const provider = { order: ['anthropic'], allow_fallbacks: false };
    const providerOptions = { gateway: { order: ['bedrock'] } };
    const request = decodeAnthropicMessagesRequest({
      ...minimal,
      provider,
      providerOptions,
      fallbacks: ['x'],
      container: 'container_1',
      mcp_servers: [{ type: 'url', url: 'https://mcp.example.com', name: 'example' }],
      some_future_field: { a: 1 },
    });
    expect(request.source?.extraFields).toEqual({
      provider,
      providerOptions,
      fallbacks: ['x'],
      container: 'container_1',
      mcp_servers: [{ type: 'url', url: 'https://mcp.example.com', name: 'example' }],
      some_future_field: { a: 1 },
    });
    expect(request.source?.extraFields.provider).toBe(provider);
  });

  it('maps tool_choice variants and disable_parallel_tool_use', () => {
    const tools = [{ name: 'f', input_schema: { type: 'object' } }];
    const decode = (tool_choice: unknown) =>
      decodeAnthropicMessagesRequest({ ...minimal, tools, tool_choice });
    expect(decode({ type: 'any' }).toolChoice).toEqual({ type: 'required' });
    expect(decode({ type: 'none' }).toolChoice).toEqual({ type: 'none' });
    expect(decode({ type: 'tool', name: 'f' }).toolChoice).toEqual({ type: 'tool', toolName: 'f' });
    expect(decode({ type: 'auto', disable_parallel_tool_use: false }).parallelToolCalls).toBe(true);
    expect(decode({ type: 'auto' }).parallelToolCalls).toBeUndefined();
  });

  it('maps thinking disabled, and keeps other thinking types in extraFields', () => {
    expect(decodeAnthropicMessagesRequest({ ...minimal, thinking: { type: 'disabled' } }).reasoning).toEqual({
      enabled: false,
    });
    const adaptive = decodeAnthropicMessagesRequest({ ...minimal, thinking: { type: 'adaptive' } });
    expect(adaptive.reasoning).toBeUndefined();
    expect(adaptive.source?.extraFields.thinking).toEqual({ type: 'adaptive' });
  });

  it('keeps blocks of unmodelled types as opaque parts', () => {
    const serverToolUse = {
      type: 'server_tool_use',
      id: 'srvtoolu_1',
      name: 'web_search',
      input: { query: 'x' },
    };
    const request = decodeAnthropicMessagesRequest({
      ...minimal,
      messages: [
        { role: 'user', content: 'search' },
        { role: 'assistant', content: [serverToolUse, { type: 'text', text: 'Found.' }] },
      ],
    });
    expect(request.messages[1]?.content).toEqual([
      { type: 'text', text: '', providerOptions: { anthropic: { rawBlock: serverToolUse } } },
      { type: 'text', text: 'Found.' },
    ]);
  });

  it('splits a user turn of tool results and text into a tool message and a user message', () => {
    const request = decodeAnthropicMessagesRequest({
      ...minimal,
      messages: [
        { role: 'user', content: 'go' },
        { role: 'assistant', content: [{ type: 'tool_use', id: 't1', name: 'f', input: {} }] },
        {
          role: 'user',
          content: [
            { type: 'tool_result', tool_use_id: 't1', content: 'boom', is_error: true },
            { type: 'tool_result', tool_use_id: 't2' },
          ],
        },
      ],
    });
    expect(request.messages.slice(2)).toEqual([
      {
        role: 'tool',
        content: [
          { type: 'tool-result', toolCallId: 't1', output: 'boom', isError: true },
          { type: 'tool-result', toolCallId: 't2', output: '' },
        ],
      },
    ]);
  });

  describe('invalid input', () => {
    it.each([
      [
        {
          ...minimal,
          messages: [
            {
              role: 'user',
              content: [{ type: 'tool_result', tool_use_id: 't', content: [{ type: 'text', text: 5 }] }],
            },
          ],
        },
        'messages.0.content.0.content.0.text',
        'messages.0.content.0.content.0.text: Input should be a valid string',
      ],
      [
        { ...minimal, system: [{ type: 'text', text: 'x', cache_control: 'ephemeral' }] },
        'system.0.cache_control',
        'system.0.cache_control: Input should be a valid dictionary',
      ],
      [
        {
          ...minimal,
          messages: [
            { role: 'user', content: 'a' },
            { role: 'bot', content: 'b' },
          ],
        },
        'messages.1.role',
        "messages.1.role: Input should be 'user' or 'assistant'",
      ],
      [
        { model: 'm', messages: [{ role: 'user', content: 'a' }] },
        'max_tokens',
        'max_tokens: Field required',
      ],
      [{ ...minimal, model: undefined }, 'model', 'model: Field required'],
      [{ ...minimal, max_tokens: 0 }, 'max_tokens', 'max_tokens: Input should be greater than or equal to 1'],
      [
        { ...minimal, max_tokens: 1.5 },
        'max_tokens',
        'max_tokens: Input should be a valid integer, got a number with a fractional part',
      ],
      [{ ...minimal, max_tokens: '10' }, 'max_tokens', 'max_tokens: Input should be a valid number'],
      [{ ...minimal, messages: 'hi' }, 'messages', 'messages: Input should be a valid list'],
      [
        { ...minimal, messages: [{ role: 'user', content: 5 }] },
        'messages.0.content',
        'messages.0.content: Input should be a valid string or a valid list',
      ],
      [
        { ...minimal, messages: [{ role: 'user', content: [{ type: 'text' }] }] },
        'messages.0.content.0.text',
        'messages.0.content.0.text: Field required',
      ],
      [
        { ...minimal, messages: [{ role: 'user', content: [{ text: 'x' }] }] },
        'messages.0.content.0.type',
        'messages.0.content.0.type: Field required',
      ],
      [
        {
          ...minimal,
          messages: [{ role: 'user', content: [{ type: 'image', source: { type: 'ftp', url: 'x' } }] }],
        },
        'messages.0.content.0.source.type',
        "messages.0.content.0.source.type: Input tag 'ftp' found using 'type' does not match any of the expected tags: 'base64', 'url', 'file'",
      ],
      [
        { ...minimal, tools: [{ name: 'f' }] },
        'tools.0.input_schema',
        'tools.0.input_schema: Field required',
      ],
      [{ ...minimal, tool_choice: { type: 'tool' } }, 'tool_choice.name', 'tool_choice.name: Field required'],
      [
        { ...minimal, thinking: { type: 'enabled' } },
        'thinking.budget_tokens',
        'thinking.budget_tokens: Field required',
      ],
      [{ ...minimal, messages: [] }, 'messages', 'messages: at least one message is required'],
      [
        {
          ...minimal,
          messages: [{ role: 'user', content: [{ type: 'tool_use', id: 'x', name: 'f', input: {} }] }],
        },
        'messages.0.content.0.type',
        "messages.0.content.0.type: 'tool_use' blocks are only allowed in assistant messages",
      ],
      [
        {
          ...minimal,
          messages: [{ role: 'assistant', content: [{ type: 'tool_result', tool_use_id: 'x' }] }],
        },
        'messages.0.content.0.type',
        "messages.0.content.0.type: 'tool_result' blocks are only allowed in user messages",
      ],
    ])('rejects %j naming %s', (body, param, message) => {
      const error = decodeError(body);
      expect(error.status).toBe(400);
      expect(error.type).toBe('invalid_request_error');
      expect(error.param).toBe(param);
      expect(error.message).toBe(message);
    });

    it('rejects a body that is not an object', () => {
      const error = decodeError('hello');
      expect(error.status).toBe(400);
      expect(error.message).toBe('Input should be a valid dictionary');
      expect(error.param).toBeUndefined();
    });
  });
});

describe('decodeAnthropicCountTokensRequest', () => {
  it('does not require max_tokens', () => {
    const request = decodeAnthropicCountTokensRequest({
      model: 'claude-haiku-4-5',
      system: 'Be terse.',
      messages: [{ role: 'user', content: 'Hi' }],
      tools: [{ name: 'f', input_schema: { type: 'object' } }],
    });
    expect(request.stream).toBe(false);
    expect(request.maxOutputTokens).toBeUndefined();
    expect(request.messages).toHaveLength(2);
    expect(request.tools).toHaveLength(1);
  });

  it('rejects invalid messages naming the field', () => {
    expect(() =>
      decodeAnthropicCountTokensRequest({ model: 'm', messages: [{ role: 'x', content: '' }] }),
    ).toThrow("messages.0.role: Input should be 'user' or 'assistant'");
  });
});
