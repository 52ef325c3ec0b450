import { readFileSync } from 'node:fs';
import { parseSse, type SseEvent, type StreamPart } from '@signalbox/core';
import { collectStream, streamProblems, textOf } from '@signalbox/testing';
import { describe, expect, it } from 'vitest';
import { fromCohereStream, isCohereFinalEvent } from './from-cohere-stream.js';

async function* eventsOf(text: string): AsyncGenerator<SseEvent> {
  yield* parseSse(
    (async function* () {
      yield text;
    })(),
  );
}

function fixture(name: string): string {
  return readFileSync(new URL(`./__fixtures__/${name}`, import.meta.url), 'utf8');
}

function decode(text: string, provider?: string): Promise<StreamPart[]> {
  const warnings = [{ type: 'unsupported' as const, feature: 'logprobs' }];
  return collectStream(
    fromCohereStream(eventsOf(text), {
      warnings,
      modelId: 'command-a-03-2025',
      ...(provider && { provider }),
    }),
  );
}

function frame(data: unknown): string {
  return `data: ${JSON.stringify(data)}\n\n`;
}

function errorOf(parts: StreamPart[]): unknown {
  const last = parts.at(-1);
  return last?.type === 'error' ? last.error : undefined;
}

describe('fromCohereStream', () => {
  it('decodes a text stream in order, ending in one finish with usage', async () => {
    const parts = await decode(fixture('cohere-text.chunks.txt'));
    expect(streamProblems(parts)).toEqual([]);
    expect(parts.slice(0, 3)).toEqual([
      { type: 'stream-start', warnings: [{ type: 'unsupported', feature: 'logprobs' }] },
      { type: 'response-metadata', id: 'a8fc192e-4bb8-4e15-ae1f-a174e8b02ae8', modelId: 'command-a-03-2025' },
      { type: 'text-start', id: 'text-0' },
    ]);
    expect(textOf(parts)).toBe('The capital of France is Paris.');
    expect(parts.at(-2)).toEqual({ type: 'text-end', id: 'text-0' });
    expect(parts.at(-1)).toMatchObject({
      type: 'finish',
      finishReason: { unified: 'stop', raw: 'COMPLETE' },
      usage: { inputTokens: { total: 507, cacheRead: 448 }, outputTokens: { total: 10 } },
    });
  });

  it('decodes the tool plan as text, then each tool call as tool input and a tool-call', async () => {
    const parts = await decode(fixture('cohere-tool-call.chunks.txt'));
    expect(streamProblems(parts)).toEqual([]);
    expect(textOf(parts)).toBe('I will look up the weather.');
    const types = parts
      .map((part) => part.type)
      .filter((type) => type !== 'tool-input-delta' && type !== 'text-delta');
    expect(types).toEqual([
      'stream-start',
      'response-metadata',
      'text-start',
      'text-end',
      'tool-input-start',
      'tool-input-end',
      'tool-call',
      'tool-input-start',
      'tool-input-end',
      'tool-call',
      'finish',
    ]);
    expect(parts.filter((part) => part.type === 'tool-call')).toEqual([
      {
        type: 'tool-call',
        toolCallId: 'get_weather_e8p4pn45zt0t',
        toolName: 'get_weather',
        input: '{"city": "Paris"}',
      },
      {
        type: 'tool-call',
        toolCallId: 'get_weather_pyxssbwnq9fq',
        toolName: 'get_weather',
        input: '{"city": "Madrid"}',
      },
    ]);
    expect(parts.at(-1)).toMatchObject({
      type: 'finish',
      finishReason: { unified: 'tool-calls', raw: 'TOOL_CALL' },
    });
  });

  it('decodes thinking as reasoning and keeps citations in the finish metadata', async () => {
    const parts = await decode(fixture('cohere-thinking-citations.chunks.txt'), 'co');
    expect(streamProblems(parts)).toEqual([]);
    const reasoning = parts.flatMap((part) => (part.type === 'reasoning-delta' ? [part.delta] : [])).join('');
    expect(reasoning).toBe('Emperor penguins are tallest.');
    expect(textOf(parts)).toBe('The emperor penguin.');
    const finish = parts.at(-1);
    expect(finish?.type === 'finish' && finish.providerMetadata?.co?.citations).toHaveLength(1);
  });

  it('opens a block for a content-delta without content-start, and tolerates [DONE]-less ends', async () => {
    const text =
      frame({ type: 'content-delta', index: 0, delta: { message: { content: { text: 'hi' } } } }) +
      frame({ type: 'message-end', delta: { finish_reason: 'COMPLETE' } });
    const parts = await decode(text);
    expect(streamProblems(parts)).toEqual([]);
    expect(parts[1]).toEqual({ type: 'response-metadata', modelId: 'command-a-03-2025' });
    expect(textOf(parts)).toBe('hi');
    expect(parts.at(-1)).toMatchObject({ usage: { inputTokens: { total: undefined } } });
  });

  it('an event that is not JSON is an error part, not a throw', async () => {
    const parts = await decode(
      `${frame({ type: 'message-start', id: 'x' })}data: {"type":"content-delta",\n\n`,
    );
    expect(streamProblems(parts, { allowError: true })).toEqual([]);
    expect(errorOf(parts)).toMatchObject({ status: 502, isRetryable: true, provider: 'cohere' });
  });

  it('a stream that ends before message-end is an error part', async () => {
    const text =
      frame({ type: 'message-start', id: 'x' }) +
      frame({
        type: 'content-start',
        index: 0,
        delta: { message: { content: { type: 'text', text: '' } } },
      }) +
      frame({ type: 'content-delta', index: 0, delta: { message: { content: { text: 'half' } } } });
    const parts = await decode(text);
    expect(parts.some((part) => part.type === 'finish')).toBe(false);
    expect(errorOf(parts)).toMatchObject({ status: 502, message: 'cohere stream ended before message-end.' });
  });

  it('an error event or a message-end with an error is an error part with its message', async () => {
    const errorEvent = await decode(frame({ message: 'internal server error' }));
    expect(errorOf(errorEvent)).toMatchObject({ message: 'cohere stream failed: internal server error' });
    const failedEnd = await decode(frame({ type: 'message-end', delta: { error: 'generation failed' } }));
    expect(errorOf(failedEnd)).toMatchObject({ message: 'cohere stream failed: generation failed' });
  });

  it('stops reading at message-end', async () => {
    const text = frame({ type: 'message-end', delta: { finish_reason: 'COMPLETE' } }) + 'data: not json\n\n';
    const parts = await decode(text);
    expect(parts.at(-1)?.type).toBe('finish');
  });
});

describe('isCohereFinalEvent', () => {
  it('recognizes message-end by event name or by type, not inside text', () => {
    expect(isCohereFinalEvent({ event: 'message-end', data: '{}' })).toBe(true);
    expect(isCohereFinalEvent({ data: '{"type":"message-end","delta":{}}' })).toBe(true);
    expect(isCohereFinalEvent({ data: '[DONE]' })).toBe(true);
    const text = JSON.stringify({
      type: 'content-delta',
      delta: { message: { content: { text: '"type":"message-end"' } } },
    });
    expect(isCohereFinalEvent({ event: 'content-delta', data: text })).toBe(false);
  });
});
