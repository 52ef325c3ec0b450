import type { StreamPart } from '@signalbox/core';
import { describe, expect, it } from 'vitest';
import { streamProblems } from './stream-problems.js';

const usage = {
  inputTokens: { total: 1, noCache: 1, cacheRead: 0, cacheWrite: 0 },
  outputTokens: { total: 1, text: 1, reasoning: 0 },
};
const finish: StreamPart = { type: 'finish', finishReason: { unified: 'stop', raw: 'stop' }, usage };
const start: StreamPart = { type: 'stream-start', warnings: [] };

describe('streamProblems', () => {
  it('accepts a well-formed stream', () => {
    expect(
      streamProblems([
        start,
        { type: 'response-metadata', id: 'x' },
        { type: 'text-start', id: 't' },
        { type: 'text-delta', id: 't', delta: 'hi' },
        { type: 'text-end', id: 't' },
        { type: 'tool-input-start', id: 'c', toolName: 'get_weather' },
        { type: 'tool-input-delta', id: 'c', delta: '{}' },
        { type: 'tool-input-end', id: 'c' },
        { type: 'tool-call', toolCallId: 'c', toolName: 'get_weather', input: '{}' },
        finish,
      ]),
    ).toEqual([]);
  });

  it('finds misplaced and missing parts', () => {
    expect(
      streamProblems([
        { type: 'text-delta', id: 't', delta: 'hi' },
        { type: 'text-start', id: 'u' },
        { type: 'tool-input-start', id: 'c', toolName: 'x' },
        { type: 'tool-call', toolCallId: 'c', toolName: 'x', input: '{}' },
        finish,
        finish,
      ]),
    ).toEqual([
      'the first part is text-delta, not stream-start',
      'part 0 (text-delta): text t is not open',
      'part 3 (tool-call): tool-call before tool-input-end of c',
      'part 4 (finish): text:u not ended before finish',
      'part 4 (finish): tool-input:c not ended before finish',
      'part 5 (finish) comes after finish',
      'part 5 (finish): text:u not ended before finish',
      'part 5 (finish): tool-input:c not ended before finish',
    ]);
    expect(streamProblems([start])).toEqual(['no finish part']);
  });

  it('accepts an error part only when allowed', () => {
    const failed: StreamPart[] = [
      start,
      { type: 'text-start', id: 't' },
      { type: 'error', error: new Error('x') },
    ];
    expect(streamProblems(failed)).toEqual(['part 2 (error): unexpected error part', 'no finish part']);
    expect(streamProblems(failed, { allowError: true })).toEqual([]);
  });
});
