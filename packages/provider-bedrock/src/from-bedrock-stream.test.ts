import { GatewayError, type StreamPart } from '@signalbox/core';
import { streamProblems } from '@signalbox/testing';
import { describe, expect, it } from 'vitest';
import reasoningEvents from './__fixtures__/bedrock-reasoning.events.json' with { type: 'json' };
import textEvents from './__fixtures__/bedrock-text.events.json' with { type: 'json' };
import toolEvents from './__fixtures__/bedrock-tool-use.events.json' with { type: 'json' };
import type { EventStreamMessage } from './decode-event-stream.js';
import { fromBedrockStream } from './from-bedrock-stream.js';

function messages(events: Array<{ eventType: string; payload: unknown }>): EventStreamMessage[] {
  return events.map((event) => ({
    headers: {
      ':event-type': event.eventType,
      ':message-type': 'event',
      ':content-type': 'application/json',
    },
    body: new TextEncoder().encode(JSON.stringify(event.payload)),
  }));
}

async function parts(events: EventStreamMessage[]): Promise<StreamPart[]> {
  const out: StreamPart[] = [];
  const source = (async function* () {
    yield* events;
  })();
  for await (const part of fromBedrockStream(source, { warnings: [], modelId: 'm', provider: 'bedrock' }))
    out.push(part);
  return out;
}

describe('fromBedrockStream', () => {
  it('turns text events into text parts and a finish with usage (padding ignored)', async () => {
    const result = await parts(messages(textEvents));
    expect(streamProblems(result)).toEqual([]);
    expect(result.map((part) => part.type)).toEqual([
      'stream-start',
      'response-metadata',
      'text-start',
      'text-delta',
      'text-delta',
      'text-end',
      'finish',
    ]);
    const finish = result.at(-1);
    expect(finish?.type === 'finish' && finish.finishReason).toEqual({ unified: 'stop', raw: 'end_turn' });
    expect(finish?.type === 'finish' && finish.usage.inputTokens).toEqual({
      total: 1214,
      noCache: 14,
      cacheRead: 1200,
      cacheWrite: 0,
    });
    expect(finish?.type === 'finish' && finish.providerMetadata).toEqual({
      bedrock: { metrics: { latencyMs: 389 } },
    });
  });

  it('assembles tool input and ends it with a tool-call', async () => {
    const result = await parts(messages(toolEvents));
    expect(streamProblems(result)).toEqual([]);
    expect(result.filter((part) => part.type.startsWith('tool'))).toEqual([
      { type: 'tool-input-start', id: 'tooluse_3Qj0jJ0BR3', toolName: 'get_weather' },
      { type: 'tool-input-delta', id: 'tooluse_3Qj0jJ0BR3', delta: '{"city":' },
      { type: 'tool-input-delta', id: 'tooluse_3Qj0jJ0BR3', delta: ' "Paris"}' },
      { type: 'tool-input-end', id: 'tooluse_3Qj0jJ0BR3' },
      {
        type: 'tool-call',
        toolCallId: 'tooluse_3Qj0jJ0BR3',
        toolName: 'get_weather',
        input: '{"city": "Paris"}',
      },
    ]);
    const finish = result.at(-1);
    expect(finish?.type === 'finish' && finish.finishReason.unified).toBe('tool-calls');
  });

  it('streams reasoning with its signature, redacted reasoning as one part', async () => {
    const result = await parts(messages(reasoningEvents));
    expect(streamProblems(result)).toEqual([]);
    expect(result.filter((part) => part.type.startsWith('reasoning'))).toEqual([
      { type: 'reasoning-start', id: 'reasoning-0' },
      { type: 'reasoning-delta', id: 'reasoning-0', delta: '17 * 23 is ' },
      { type: 'reasoning-delta', id: 'reasoning-0', delta: '391.' },
      { type: 'reasoning-signature', id: 'reasoning-0', signature: 'EqoBCkgIARABGAIiQHn7' },
      { type: 'reasoning-end', id: 'reasoning-0' },
      { type: 'reasoning-redacted', id: 'redacted-1', data: 'RXhhbXBsZQ==' },
    ]);
    const finish = result.at(-1);
    expect(finish?.type === 'finish' && finish.finishReason).toEqual({
      unified: 'length',
      raw: 'max_tokens',
    });
  });

  it('an exception event is an error part with the right status and retry flag', async () => {
    const exception = (type: string): EventStreamMessage => ({
      headers: { ':message-type': 'exception', ':exception-type': type },
      body: new TextEncoder().encode('{"message":"Too many tokens, please wait before trying again."}'),
    });
    for (const [type, status, retryable] of [
      ['throttlingException', 429, true],
      ['internalServerException', 500, true],
      ['serviceUnavailableException', 503, true],
      ['modelStreamErrorException', 502, true],
      ['validationException', 400, false],
    ] as const) {
      const result = await parts([...messages(textEvents.slice(0, 2)), exception(type)]);
      expect(streamProblems(result, { allowError: true })).toEqual([]);
      const error = result.at(-1);
      const value = error?.type === 'error' ? error.error : undefined;
      expect(GatewayError.isInstance(value) && [value.status, value.isRetryable, value.message]).toEqual([
        status,
        retryable,
        'Too many tokens, please wait before trying again.',
      ]);
    }
  });

  it('a stream that ends before messageStop, or a payload that is not JSON, is a retryable 502 error part', async () => {
    const cut = await parts(messages(textEvents.slice(0, 3)));
    const last = cut.at(-1);
    expect(last?.type === 'error' && GatewayError.isInstance(last.error) && last.error.status).toBe(502);
    const broken = await parts([
      {
        headers: { ':event-type': 'contentBlockDelta', ':message-type': 'event' },
        body: new TextEncoder().encode('{"delta":'),
      },
    ]);
    expect(broken.at(-1)?.type).toBe('error');
  });
});
