import { GatewayError } from '@signalbox/core';
import { describe, expect, it } from 'vitest';
import guardrail from './__fixtures__/bedrock-guardrail.json' with { type: 'json' };
import reasoning from './__fixtures__/bedrock-reasoning.json' with { type: 'json' };
import text from './__fixtures__/bedrock-text.json' with { type: 'json' };
import toolUse from './__fixtures__/bedrock-tool-use.json' with { type: 'json' };
import { fromBedrockResponse } from './from-bedrock-response.js';

const options = { warnings: [], modelId: 'anthropic.claude-haiku-4-5-20251001-v1:0' };

describe('fromBedrockResponse', () => {
  it('reads text, the stop reason, usage and metrics', () => {
    const result = fromBedrockResponse(text, options);
    expect(result.content).toEqual([{ type: 'text', text: 'Paris is the capital of France.' }]);
    expect(result.finishReason).toEqual({ unified: 'stop', raw: 'end_turn' });
    expect(result.usage.inputTokens).toEqual({ total: 14, noCache: 14, cacheRead: 0, cacheWrite: 0 });
    expect(result.usage.outputTokens.total).toBe(9);
    expect(result.response.modelId).toBe(options.modelId);
    expect(result.providerMetadata).toEqual({ bedrock: { metrics: { latencyMs: 412 } } });
  });

  it('reads tool calls with their JSON input and cache reads', () => {
    const result = fromBedrockResponse(toolUse, options);
    expect(result.content[1]).toEqual({
      type: 'tool-call',
      toolCallId: 'tooluse_kZJMlvQmRJ6eAyJE5GIl7Q',
      toolName: 'get_weather',
      input: '{"city":"Paris"}',
    });
    expect(result.finishReason).toEqual({ unified: 'tool-calls', raw: 'tool_use' });
    expect(result.usage.inputTokens).toEqual({ total: 2382, noCache: 382, cacheRead: 2000, cacheWrite: 0 });
  });

  it('reads signed and redacted reasoning', () => {
    const result = fromBedrockResponse(reasoning, options);
    expect(result.content).toEqual([
      {
        type: 'reasoning',
        text: 'The user asks for 17 * 23. 17 * 20 = 340, 17 * 3 = 51, total 391.',
        signature: 'EqoBCkgIARABGAIiQHn7kuuhtz2DxVpnj1yUCUzI0Q0mhb6Dk5CqS5PCCqAq',
      },
      { type: 'reasoning', text: '', redactedData: 'RXhhbXBsZSByZWRhY3RlZCByZWFzb25pbmc=' },
      { type: 'text', text: '17 × 23 = 391.' },
    ]);
  });

  it('maps a guardrail intervention to content-filter and keeps the trace', () => {
    const result = fromBedrockResponse(guardrail, options);
    expect(result.finishReason).toEqual({ unified: 'content-filter', raw: 'guardrail_intervened' });
    expect(result.providerMetadata?.bedrock?.trace).toEqual(guardrail.trace);
  });

  it('keeps the matched stop sequence', () => {
    const result = fromBedrockResponse(
      {
        ...text,
        stopReason: 'stop_sequence',
        additionalModelResponseFields: { delta: { stop_sequence: 'END' } },
      },
      options,
    );
    expect(result.finishReason).toEqual({ unified: 'stop', raw: 'stop_sequence' });
    expect(result.providerMetadata?.bedrock?.stopSequence).toBe('END');
  });

  it('rejects a body that is not a Converse answer with a retryable 502', () => {
    const error = (() => {
      try {
        fromBedrockResponse({ message: 'oops' }, options);
      } catch (reason) {
        return reason;
      }
    })();
    expect(GatewayError.isInstance(error) && [error.status, error.isRetryable]).toEqual([502, true]);
  });
});
