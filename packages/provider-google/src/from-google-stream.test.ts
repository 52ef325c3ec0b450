import { readFile } from 'node:fs/promises';
import type { SseEvent, StreamPart } from '@signalbox/core';
import { collectStream, streamProblems } from '@signalbox/testing';
import { describe, expect, it } from 'vitest';
import { fromGoogleStream, isGoogleFinalEvent } from './from-google-stream.js';

async function* eventsOf(lines: string[]): AsyncGenerator<SseEvent> {
  for (const data of lines) yield { data };
}

async function fixtureLines(name: string): Promise<string[]> {
  const text = await readFile(new URL(`./__fixtures__/${name}`, import.meta.url), 'utf8');
  return text.split('\n').filter((line) => line.trim() !== '');
}

const options = { warnings: [{ type: 'unsupported' as const, feature: 'user' }], provider: 'google' };

function decode(lines: string[], provider = 'google'): Promise<StreamPart[]> {
  return collectStream(
    fromGoogleStream(eventsOf(lines), { ...options, provider, modelId: 'gemini-2.5-flash' }),
  );
}

describe('fromGoogleStream', () => {
  it('streams text in one block and finishes with the last usage', async () => {
    const parts = await decode(await fixtureLines('google-text.chunks.txt'));
    expect(streamProblems(parts)).toEqual([]);
    expect(parts.slice(0, 5)).toEqual([
      { type: 'stream-start', warnings: options.warnings },
      { type: 'response-metadata', id: 'mMfHaN-yJMq7nvgPk4aM2A0', modelId: 'gemini-2.5-flash' },
      { type: 'text-start', id: 'text-0' },
      { type: 'text-delta', id: 'text-0', delta: 'Hello' },
      { type: 'text-delta', id: 'text-0', delta: '! How can I help you today?' },
    ]);
    const finish = parts.at(-1);
    expect(finish).toMatchObject({
      type: 'finish',
      finishReason: { unified: 'stop', raw: 'STOP' },
      usage: { inputTokens: { total: 5 }, outputTokens: { total: 33, text: 9, reasoning: 24 } },
    });
  });

  it('streams thoughts, text, then a whole function call; STOP after a call is tool-calls', async () => {
    const parts = await decode(await fixtureLines('google-thinking-tool-call.chunks.txt'));
    expect(streamProblems(parts)).toEqual([]);
    expect(parts.map((part) => part.type)).toEqual([
      'stream-start',
      'response-metadata',
      'reasoning-start',
      'reasoning-delta',
      'reasoning-delta',
      'reasoning-end',
      'text-start',
      'text-delta',
      'text-end',
      'tool-input-start',
      'tool-input-delta',
      'tool-input-end',
      'tool-call',
      'finish',
    ]);
    expect(parts.find((part) => part.type === 'tool-call')).toEqual({
      type: 'tool-call',
      toolCallId: 'call_0',
      toolName: 'get_weather',
      input: '{"city":"Paris"}',
    });
    const finish = parts.at(-1);
    expect(finish).toMatchObject({
      finishReason: { unified: 'tool-calls', raw: 'STOP' },
      providerMetadata: {
        google: {
          toolCallThoughtSignatures: { call_0: 'CiQB0e2Kb6+0E2VUAgQ1mOQBnvYFZf4Hqsk3dYHbP1J2jdeHMCE=' },
        },
      },
    });
  });

  it('puts a signature that arrives on an empty part on the open block', async () => {
    const parts = await decode(
      [
        '{"candidates":[{"content":{"parts":[{"text":"Hi"}]}}]}',
        '{"candidates":[{"content":{"parts":[{"text":"","thoughtSignature":"sig"}]},"finishReason":"STOP"}]}',
      ],
      'vertex',
    );
    expect(parts.find((part) => part.type === 'text-end')).toEqual({
      type: 'text-end',
      id: 'text-0',
      providerMetadata: { vertex: { thoughtSignature: 'sig' } },
    });
  });

  it('a blocked prompt finishes with content-filter', async () => {
    const parts = await decode([
      '{"promptFeedback":{"blockReason":"SAFETY"},"usageMetadata":{"promptTokenCount":4}}',
    ]);
    expect(parts.at(-1)).toMatchObject({
      type: 'finish',
      finishReason: { unified: 'content-filter', raw: 'SAFETY' },
      providerMetadata: { google: { promptFeedback: { blockReason: 'SAFETY' } } },
    });
  });

  it('yields logprobs parts', async () => {
    const parts = await decode([
      '{"candidates":[{"content":{"parts":[{"text":"a"}]},"finishReason":"STOP","logprobsResult":{"chosenCandidates":[{"token":"a","logProbability":-0.5}]}}]}',
    ]);
    expect(parts).toContainEqual({
      type: 'logprobs',
      logprobs: { content: [{ token: 'a', logprob: -0.5, bytes: null, top_logprobs: [] }] },
    });
  });

  it('an error object in the stream is an error part with its status', async () => {
    const parts = await decode([
      '{"candidates":[{"content":{"parts":[{"text":"a"}]}}]}',
      '{"error":{"code":503,"message":"The model is overloaded.","status":"UNAVAILABLE"}}',
    ]);
    expect(parts.at(-1)).toMatchObject({ type: 'error', error: { status: 503, isRetryable: true } });
    expect(streamProblems(parts, { allowError: true })).toEqual([]);
  });

  it('bad JSON, a non-object and an ending without a finish reason are retryable error parts', async () => {
    for (const lines of [
      ['{"candidates":'],
      ['[1]'],
      ['{"candidates":[{"content":{"parts":[{"text":"a"}]}}]}'],
    ]) {
      const parts = await decode(lines);
      expect(parts.at(-1)).toMatchObject({ type: 'error', error: { status: 502, isRetryable: true } });
      expect(parts.some((part) => part.type === 'finish')).toBe(false);
    }
  });

  it('recognises the final event', () => {
    expect(isGoogleFinalEvent({ data: '{"candidates":[{"finishReason":"STOP"}]}' })).toBe(true);
    expect(isGoogleFinalEvent({ data: '{"promptFeedback":{"blockReason": "SAFETY"}}' })).toBe(true);
    expect(
      isGoogleFinalEvent({
        data: '{"candidates":[{"content":{"parts":[{"text":"\\"finishReason\\": x"}]}}]}',
      }),
    ).toBe(false);
  });
});
