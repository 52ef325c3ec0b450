import type { GatewayContext } from '@signalbox/core';
import { describe, expect, it } from 'vitest';
import {
  CompletionCollector,
  capturePrompt,
  completionOfResult,
  limitIo,
  shouldCaptureIo,
} from './io-capture.js';

function context(principal?: GatewayContext['principal']): GatewayContext {
  return { principal } as GatewayContext;
}

describe('shouldCaptureIo', () => {
  it('is off by default and follows the gateway, project and key settings', () => {
    const alpha = { id: 'key_a', kind: 'key' as const, keyPrefix: 'sk-sb-a', projectId: 'proj_1' };
    expect(shouldCaptureIo(undefined, context(alpha))).toBe(false);
    expect(shouldCaptureIo(false, context(alpha))).toBe(false);
    expect(shouldCaptureIo(true, context())).toBe(true);
    expect(shouldCaptureIo({ projects: ['proj_1'] }, context(alpha))).toBe(true);
    expect(shouldCaptureIo({ projects: ['proj_2'] }, context(alpha))).toBe(false);
    expect(shouldCaptureIo({ keys: ['sk-sb-a'] }, context(alpha))).toBe(true);
    expect(shouldCaptureIo({ keys: ['key_a'] }, context(alpha))).toBe(true);
    expect(shouldCaptureIo({ keys: ['key_a'] }, context())).toBe(false);
    expect(shouldCaptureIo((principal) => principal?.id === 'key_a', context(alpha))).toBe(true);
  });
});

describe('capturing', () => {
  it('flattens prompts to text, with placeholders instead of bytes', () => {
    const prompt = capturePrompt({
      model: 'm',
      stream: false,
      messages: [
        { role: 'system', content: [{ type: 'text', text: 'Be brief.' }] },
        {
          role: 'user',
          content: [
            { type: 'text', text: 'What is this?' },
            { type: 'image', source: { type: 'base64', data: 'A'.repeat(4000) }, mediaType: 'image/png' },
          ],
        },
        {
          role: 'assistant',
          content: [{ type: 'tool-call', toolCallId: 't1', toolName: 'look', input: '{}' }],
        },
        { role: 'tool', content: [{ type: 'tool-result', toolCallId: 't1', output: 'a cat' }] },
      ],
    });
    expect(prompt).toEqual([
      { role: 'system', content: 'Be brief.' },
      { role: 'user', content: 'What is this?\n[image image/png 2.9 kB]' },
      { role: 'assistant', content: '[tool call look({})]' },
      { role: 'tool', content: '[tool result t1: a cat]' },
    ]);
  });

  it('collects completions from results and from streams', () => {
    expect(
      completionOfResult({
        content: [
          { type: 'reasoning', text: 'thinking' },
          { type: 'text', text: 'Hi' },
          { type: 'tool-call', toolCallId: 'c', toolName: 'f', input: '{"a":1}' },
        ],
      } as Parameters<typeof completionOfResult>[0]),
    ).toEqual({ text: 'Hi', reasoning: 'thinking', toolCalls: [{ name: 'f', input: '{"a":1}' }] });
    const collector = new CompletionCollector();
    collector.add({ type: 'text-delta', id: '1', delta: 'Hel' });
    collector.add({ type: 'text-delta', id: '1', delta: 'lo' });
    collector.add({ type: 'refusal-delta', delta: 'no' });
    expect(collector.completion).toEqual({ text: 'Hello', refusal: 'no' });
  });

  it('caps long fields and says so', () => {
    const limited = limitIo(
      { prompt: [{ role: 'user', content: 'x'.repeat(20) }], completion: { text: 'short' } },
      10,
    );
    expect(limited.prompt[0]?.content).toBe(`${'x'.repeat(10)}…`);
    expect(limited.completion.text).toBe('short');
    expect(limited.truncated).toBe(true);
  });
});
