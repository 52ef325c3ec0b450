import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { GatewayError } from '../errors/gateway-error.js';
import type { Warning } from '../spec/v1/warning.js';
import { fromAnthropicMessage } from './from-anthropic-message.js';

function fixture(name: string): Record<string, unknown> {
  return JSON.parse(readFileSync(new URL(`./__fixtures__/${name}`, import.meta.url), 'utf8'));
}

describe('fromAnthropicMessage', () => {
  it('decodes a plain message with cache usage', () => {
    const warnings: Warning[] = [{ type: 'unsupported', feature: 'seed' }];
    const result = fromAnthropicMessage(fixture('anthropic-text.json'), warnings);
    expect(result).toEqual({
      content: [{ type: 'text', text: 'Hi! My name is Claude.' }],
      finishReason: { unified: 'stop', raw: 'end_turn' },
      usage: {
        inputTokens: { total: 4146, noCache: 2095, cacheRead: 0, cacheWrite: 2051 },
        outputTokens: { total: 503, text: undefined, reasoning: undefined },
        raw: expect.objectContaining({ input_tokens: 2095, service_tier: 'standard' }),
      },
      warnings,
      response: { id: 'msg_013Zva2CMHLNnXjNJJKqJ2EF', modelId: 'claude-sonnet-4-5-20250929', extra: {} },
      providerMetadata: {
        anthropic: {
          stop_sequence: null,
          usage: {
            cache_creation: { ephemeral_5m_input_tokens: 2051, ephemeral_1h_input_tokens: 0 },
            service_tier: 'standard',
          },
        },
      },
    });
  });

  it('decodes tool use with the input as JSON text', () => {
    const result = fromAnthropicMessage(fixture('anthropic-tool-use.json'), []);
    expect(result.content).toEqual([
      { type: 'text', text: "I'll check the current weather in San Francisco for you." },
      {
        type: 'tool-call',
        toolCallId: 'toolu_01A09q90qw90lq917835lq9',
        toolName: 'get_weather',
        input: '{"location":"San Francisco, CA","unit":"celsius"}',
      },
    ]);
    expect(result.finishReason).toEqual({ unified: 'tool-calls', raw: 'tool_use' });
  });

  it('decodes signed and redacted thinking', () => {
    const result = fromAnthropicMessage(fixture('anthropic-thinking.json'), []);
    expect(result.content.map((part) => part.type)).toEqual(['reasoning', 'reasoning', 'text']);
    expect(result.content[0]).toMatchObject({ type: 'reasoning', signature: expect.stringMatching(/^EqQB/) });
    expect(result.content[1]).toEqual({
      type: 'reasoning',
      text: '',
      redactedData: expect.stringMatching(/^EmwK/),
    });
    expect(result.usage.inputTokens).toEqual({ total: 1082, noCache: 58, cacheRead: 1024, cacheWrite: 0 });
  });

  it('keeps the matched stop sequence, server blocks and extra response fields', () => {
    const serverToolUse = {
      type: 'server_tool_use',
      id: 'srvtoolu_1',
      name: 'web_search',
      input: { query: 'q' },
    };
    const result = fromAnthropicMessage(
      {
        ...fixture('anthropic-text.json'),
        content: [
          serverToolUse,
          { type: 'text', text: 'Done', citations: [{ type: 'web_search_result_location' }] },
        ],
        stop_reason: 'stop_sequence',
        stop_sequence: '###',
        container: { id: 'container_1', expires_at: '2025-01-01T00:00:00Z' },
      },
      [],
    );
    expect(result.content).toEqual([
      { type: 'text', text: '', providerOptions: { anthropic: { rawBlock: serverToolUse } } },
      {
        type: 'text',
        text: 'Done',
        providerOptions: { anthropic: { citations: [{ type: 'web_search_result_location' }] } },
      },
    ]);
    expect(result.finishReason).toEqual({ unified: 'stop', raw: 'stop_sequence' });
    expect(result.providerMetadata?.anthropic).toMatchObject({
      stop_sequence: '###',
      container: { id: 'container_1', expires_at: '2025-01-01T00:00:00Z' },
    });
  });

  it('rejects a body that is not a message with a retryable 502', () => {
    let caught: unknown;
    try {
      fromAnthropicMessage({ type: 'error', error: { type: 'api_error', message: 'x' } }, []);
    } catch (error) {
      caught = error;
    }
    expect(GatewayError.isInstance(caught)).toBe(true);
    expect(caught).toMatchObject({ status: 502, type: 'upstream_error', isRetryable: true });
  });
});
