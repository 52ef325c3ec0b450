import type { ChatRequest } from '@signalbox/core';
import { describe, expect, it } from 'vitest';
import {
  approximateInputBounds,
  approximateInputTokens,
  approximateOutputTokens,
  countImages,
  measureRequest,
} from './estimate-tokens.js';

const request: ChatRequest = {
  model: 'mock/echo',
  stream: false,
  messages: [
    { role: 'system', content: [{ type: 'text', text: 'Be brief.' }] },
    {
      role: 'user',
      content: [
        { type: 'text', text: 'What is in this picture?' },
        { type: 'image', source: { type: 'url', url: 'https://example.com/a.png' } },
      ],
    },
    {
      role: 'assistant',
      content: [{ type: 'tool-call', toolCallId: 'c1', toolName: 'look', input: '{"x":1}' }],
    },
    { role: 'tool', content: [{ type: 'tool-result', toolCallId: 'c1', output: 'a cat' }] },
  ],
  tools: [{ type: 'function', name: 'look', inputSchema: { type: 'object' } }],
};

describe('token approximations', () => {
  it('measures text, tool traffic, tool definitions and media', () => {
    const tools = JSON.stringify(request.tools?.[0]).length;
    expect(measureRequest(request)).toEqual({
      characters: 9 + 24 + 4 + 7 + 5 + tools,
      messages: 4,
      media: 1,
    });
    expect(countImages(request)).toBe(1);
  });

  it('approximates input as chars/4 plus message overhead and media', () => {
    expect(approximateInputTokens({ characters: 10, messages: 1, media: 0 })).toBe(3 + 4);
    expect(approximateInputTokens({ characters: 10, messages: 1, media: 1 })).toBe(3 + 4 + 1600);
    expect(approximateInputTokens({ characters: 10, messages: 1, media: 0 }, 2)).toBe(5 + 4);
  });

  it('bounds the input from 6 to 2 characters per token', () => {
    expect(approximateInputBounds({ characters: 120, messages: 2, media: 1 })).toEqual({
      min: 20 + 85,
      max: 60 + 8 + 3 + 1600,
    });
  });

  it('approximates streamed output by characters', () => {
    expect(approximateOutputTokens(0)).toBe(0);
    expect(approximateOutputTokens(19)).toBe(5);
  });
});
