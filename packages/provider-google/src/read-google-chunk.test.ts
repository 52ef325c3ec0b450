import { describe, expect, it } from 'vitest';
import {
  classifyGooglePart,
  functionCallInput,
  readGoogleChunk,
  synthesizeToolCallId,
} from './read-google-chunk.js';

describe('readGoogleChunk', () => {
  it('reads the first candidate, usage and ids', () => {
    const chunk = readGoogleChunk({
      candidates: [
        {
          content: { role: 'model', parts: [{ text: 'Hi' }, { text: 'hmm', thought: true }] },
          finishReason: 'STOP',
          safetyRatings: [{ category: 'HARM_CATEGORY_HARASSMENT', probability: 'NEGLIGIBLE' }],
        },
      ],
      usageMetadata: { promptTokenCount: 3 },
      modelVersion: 'gemini-2.5-flash',
      responseId: 'r1',
      createTime: '2025-11-20T10:00:00.000Z',
    });
    expect(chunk).toEqual({
      parts: [
        { kind: 'text', text: 'Hi', signature: undefined },
        { kind: 'reasoning', text: 'hmm', signature: undefined },
      ],
      finishReason: 'STOP',
      blockReason: undefined,
      usageMetadata: { promptTokenCount: 3 },
      logprobsResult: undefined,
      metadata: { safetyRatings: [{ category: 'HARM_CATEGORY_HARASSMENT', probability: 'NEGLIGIBLE' }] },
      responseId: 'r1',
      modelVersion: 'gemini-2.5-flash',
      created: 1763632800,
    });
  });

  it('reads a blocked prompt', () => {
    const chunk = readGoogleChunk({
      promptFeedback: { blockReason: 'SAFETY' },
      usageMetadata: { promptTokenCount: 9 },
    });
    expect(chunk?.parts).toEqual([]);
    expect(chunk?.blockReason).toBe('SAFETY');
    expect(chunk?.metadata).toEqual({ promptFeedback: { blockReason: 'SAFETY' } });
  });

  it('is undefined for a non-object', () => {
    expect(readGoogleChunk('x')).toBeUndefined();
    expect(readGoogleChunk([])).toBeUndefined();
  });
});

describe('part helpers', () => {
  it('classifies function calls and other parts, keeping signatures', () => {
    expect(
      classifyGooglePart({ functionCall: { name: 'f', args: { a: 1 } }, thoughtSignature: 's' }),
    ).toEqual({
      kind: 'function-call',
      id: undefined,
      name: 'f',
      args: { a: 1 },
      signature: 's',
    });
    expect(classifyGooglePart({ executableCode: { code: 'print(1)' } })).toMatchObject({ kind: 'other' });
  });

  it('renders arguments and ids', () => {
    expect(functionCallInput({ city: 'Paris' })).toBe('{"city":"Paris"}');
    expect(functionCallInput(undefined)).toBe('{}');
    expect(synthesizeToolCallId(2)).toBe('call_2');
  });
});
