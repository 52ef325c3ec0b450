import { readFileSync } from 'node:fs';
import { GatewayError } from '@signalbox/core';
import { describe, expect, it } from 'vitest';
import { fromCohereResponse, generateToolCallId, toolInput } from './from-cohere-response.js';

function fixture(name: string): unknown {
  return JSON.parse(readFileSync(new URL(`./__fixtures__/${name}`, import.meta.url), 'utf8'));
}

const warnings = [{ type: 'unsupported' as const, feature: 'logprobs' }];

describe('fromCohereResponse', () => {
  it('reads a text answer with usage, finish reason and id', () => {
    const result = fromCohereResponse(fixture('cohere-text.json'), {
      warnings,
      modelId: 'command-a-03-2025',
    });
    expect(result.content).toEqual([{ type: 'text', text: 'The capital of France is Paris.' }]);
    expect(result.finishReason).toEqual({ unified: 'stop', raw: 'COMPLETE' });
    expect(result.usage.inputTokens).toEqual({
      total: 507,
      noCache: 59,
      cacheRead: 448,
      cacheWrite: undefined,
    });
    expect(result.usage.outputTokens.total).toBe(10);
    expect(result.response).toEqual({
      id: 'e7592632-1e3d-424f-b129-bd5f9f980f7b',
      modelId: 'command-a-03-2025',
    });
    expect(result.warnings).toBe(warnings);
    expect(result.providerMetadata).toBeUndefined();
  });

  it('reads the tool plan as text before the tool calls, ids kept, null arguments as {}', () => {
    const result = fromCohereResponse(fixture('cohere-tool-call.json'), { warnings: [] });
    expect(result.content).toEqual([
      { type: 'text', text: 'I will look up the weather in Paris and Madrid.' },
      {
        type: 'tool-call',
        toolCallId: 'get_weather_e8p4pn45zt0t',
        toolName: 'get_weather',
        input: '{"city":"Paris"}',
      },
      {
        type: 'tool-call',
        toolCallId: 'get_weather_pyxssbwnq9fq',
        toolName: 'get_weather',
        input: '{"city":"Madrid"}',
      },
      { type: 'tool-call', toolCallId: 'get_time_0k2v5r7mfx1d', toolName: 'get_time', input: '{}' },
    ]);
    expect(result.finishReason).toEqual({ unified: 'tool-calls', raw: 'TOOL_CALL' });
    expect(result.usage.inputTokens.noCache).toBeUndefined();
  });

  it('reads thinking as reasoning, and keeps citations and logprobs in provider metadata', () => {
    const result = fromCohereResponse(fixture('cohere-thinking-citations.json'), {
      warnings: [],
      provider: 'co',
    });
    expect(result.content).toEqual([
      { type: 'reasoning', text: 'The document says the tallest penguin is the emperor penguin.' },
      { type: 'text', text: 'The tallest penguin is the emperor penguin.' },
    ]);
    expect(result.finishReason).toEqual({ unified: 'length', raw: 'MAX_TOKENS' });
    expect(result.providerMetadata?.co?.citations).toHaveLength(1);
    expect(result.providerMetadata?.co?.logprobs).toHaveLength(1);
  });

  it('gives a tool call without an id a generated one', () => {
    const result = fromCohereResponse(
      {
        finish_reason: 'TOOL_CALL',
        message: { role: 'assistant', tool_calls: [{ type: 'function', function: { name: 'get_time' } }] },
      },
      { warnings: [] },
    );
    expect(result.content).toEqual([
      { type: 'tool-call', toolCallId: expect.stringMatching(/^call_/), toolName: 'get_time', input: '{}' },
    ]);
    expect(result.usage.inputTokens.total).toBeUndefined();
  });

  it('throws a 502 GatewayError for a body that is not a chat response', () => {
    for (const body of [null, { message: 'hello' }, { message: { content: 'text' } }]) {
      let error: unknown;
      try {
        fromCohereResponse(body, { warnings: [] });
      } catch (caught) {
        error = caught;
      }
      expect(GatewayError.isInstance(error)).toBe(true);
      expect(error).toMatchObject({ status: 502, code: 'upstream_invalid_response' });
    }
  });
});

describe('toolInput and generateToolCallId', () => {
  it('normalizes empty arguments and makes distinct ids', () => {
    expect([
      toolInput(undefined),
      toolInput(null),
      toolInput(' null '),
      toolInput(''),
      toolInput('{"a":1}'),
    ]).toEqual(['{}', '{}', '{}', '{}', '{"a":1}']);
    expect(generateToolCallId()).not.toBe(generateToolCallId());
  });
});
