import type { StreamPart } from '@signalbox/core';
import { describe, expect, it } from 'vitest';
import { collectStream, textOf } from './collect-stream.js';

describe('collectStream and textOf', () => {
  it('collects every part and joins the text', async () => {
    const parts: StreamPart[] = [
      { type: 'stream-start', warnings: [] },
      { type: 'text-start', id: 't' },
      { type: 'text-delta', id: 't', delta: 'hello' },
      { type: 'reasoning-delta', id: 'r', delta: 'hmm' },
      { type: 'text-delta', id: 't', delta: ' world' },
      { type: 'text-end', id: 't' },
    ];
    const collected = await collectStream(
      (async function* () {
        yield* parts;
      })(),
    );
    expect(collected).toEqual(parts);
    expect(textOf(collected)).toBe('hello world');
    expect(
      textOf([
        { type: 'text', text: 'a' },
        { type: 'tool-call', toolCallId: 'c', toolName: 'n', input: '{}' },
        { type: 'text', text: 'b' },
      ]),
    ).toBe('ab');
  });
});
