import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { EncodeOptions } from '../gateway/client-codec.js';
import type { GenerateResult } from '../spec/v1/generate-result.js';
import { encodeAnthropicMessage } from './encode-anthropic-message.js';
import { fromAnthropicMessage } from './from-anthropic-message.js';

function fixture(name: string): Record<string, unknown> {
  return JSON.parse(readFileSync(new URL(`./__fixtures__/${name}`, import.meta.url), 'utf8'));
}

function options(overrides: Partial<EncodeOptions> = {}): EncodeOptions {
  return {
    id: 'msg_gateway_1',
    model: 'anthropic/claude-haiku-4.5',
    created: 1_700_000_000,
    request: { model: 'anthropic/claude-haiku-4.5', messages: [], stream: false },
    includeUsage: false,
    extend: () => ({}),
    ...overrides,
  };
}

describe('encodeAnthropicMessage', () => {
  it.each(['anthropic-text.json', 'anthropic-tool-use.json', 'anthropic-thinking.json'])(
    'round-trips %s exactly',
    (name) => {
      const wire = fixture(name);
      const result = fromAnthropicMessage(wire, []);
      expect(
        encodeAnthropicMessage(result, options({ id: wire.id as string, model: wire.model as string })),
      ).toEqual(wire);
    },
  );

  it('encodes a result from another provider in the exact Anthropic shape', () => {
    const result: GenerateResult = {
      content: [
        { type: 'reasoning', text: 'Thinking without a signature' },
        { type: 'text', text: 'Calling.' },
        { type: 'tool-call', toolCallId: 'call_1', toolName: 'lookup', input: '{"q":"x"}' },
        { type: 'tool-call', toolCallId: 'call_2', toolName: 'broken', input: '{"q":' },
        { type: 'refusal', text: 'I cannot help with that.' },
      ],
      finishReason: { unified: 'tool-calls', raw: 'tool_calls' },
      usage: {
        inputTokens: { total: 120, noCache: 100, cacheRead: 20, cacheWrite: undefined },
        outputTokens: { total: 30, text: 20, reasoning: 10 },
        raw: { prompt_tokens: 120 },
      },
      warnings: [],
      response: { id: 'chatcmpl-1', modelId: 'gpt-4o-mini' },
    };
    expect(encodeAnthropicMessage(result, options())).toEqual({
      id: 'msg_gateway_1',
      type: 'message',
      role: 'assistant',
      model: 'anthropic/claude-haiku-4.5',
      content: [
        { type: 'thinking', thinking: 'Thinking without a signature', signature: '' },
        { type: 'text', text: 'Calling.' },
        { type: 'tool_use', id: 'call_1', name: 'lookup', input: { q: 'x' } },
        { type: 'tool_use', id: 'call_2', name: 'broken', input: {} },
        { type: 'text', text: 'I cannot help with that.' },
      ],
      stop_reason: 'tool_use',
      stop_sequence: null,
      usage: {
        input_tokens: 100,
        output_tokens: 30,
        cache_creation_input_tokens: null,
        cache_read_input_tokens: 20,
      },
    });
  });

  it('merges the middleware extension into the message and its usage', () => {
    let calls = 0;
    const result = fromAnthropicMessage(fixture('anthropic-tool-use.json'), []);
    const encoded = encodeAnthropicMessage(
      result,
      options({
        extend: () => {
          calls += 1;
          return { body: { provider: 'anthropic' }, usage: { cost: 0.0012 }, message: { ignored: true } };
        },
      }),
    );
    expect(calls).toBe(1);
    expect(encoded.provider).toBe('anthropic');
    expect(encoded.usage).toMatchObject({ input_tokens: 472, cost: 0.0012 });
    expect(encoded).not.toHaveProperty('ignored');
  });

  it('re-emits opaque blocks, citations and the stop sequence', () => {
    const serverToolUse = {
      type: 'server_tool_use',
      id: 'srvtoolu_1',
      name: 'web_search',
      input: { query: 'q' },
    };
    const citations = [{ type: 'web_search_result_location', url: 'https://x', title: 'X', cited_text: 'y' }];
    const wire: Record<string, unknown> = {
      ...fixture('anthropic-text.json'),
      content: [serverToolUse, { type: 'text', text: 'Done', citations }],
      stop_reason: 'stop_sequence',
      stop_sequence: '###',
      container: { id: 'container_1', expires_at: '2025-01-01T00:00:00Z' },
    };
    const encoded = encodeAnthropicMessage(
      fromAnthropicMessage(wire, []),
      options({ id: wire.id as string, model: wire.model as string }),
    );
    expect(encoded).toEqual(wire);
  });
});
