import type { ChatRequest, Message } from '@signalbox/core';
import { describe, expect, it } from 'vitest';
import { estimatePrefixTokens, finalTurnStart, hasStaticPrefix, staticPrefix } from './prompt-prefix.js';

const text = (role: 'system' | 'user' | 'assistant', value: string): Message =>
  ({ role, content: [{ type: 'text', text: value }] }) as Message;
const tool: Message = { role: 'tool', content: [{ type: 'tool-result', toolCallId: 'c', output: 'sunny' }] };

describe('finalTurnStart', () => {
  it('finds the final user turn, with tool results and an assistant prefill', () => {
    expect(finalTurnStart([text('user', 'a')])).toBe(0);
    expect(finalTurnStart([text('user', 'a'), text('assistant', 'b'), text('user', 'c')])).toBe(2);
    expect(finalTurnStart([text('user', 'a'), text('assistant', 'call'), tool])).toBe(2);
    expect(
      finalTurnStart([text('user', 'a'), text('assistant', 'b'), text('user', 'c'), text('assistant', '{')]),
    ).toBe(2);
    expect(finalTurnStart([])).toBe(0);
  });
});

describe('staticPrefix', () => {
  it('is the tools, the system messages and the turns before the final one', () => {
    const request: ChatRequest = {
      model: 'm',
      stream: false,
      messages: [text('system', 'rules'), text('user', 'a'), text('assistant', 'b'), text('user', 'c')],
      tools: [{ type: 'function', name: 'f', inputSchema: {} }],
    };
    const prefix = staticPrefix(request);
    expect(prefix.system).toEqual([text('system', 'rules')]);
    expect(prefix.earlier).toEqual([text('user', 'a'), text('assistant', 'b')]);
    expect(prefix.lastEarlierIndex).toBe(2);
    expect(hasStaticPrefix(prefix)).toBe(true);
    expect(estimatePrefixTokens(prefix)).toBeGreaterThan(3);
    expect(
      hasStaticPrefix(staticPrefix({ model: 'm', stream: false, messages: [text('user', 'only')] })),
    ).toBe(false);
  });
});
