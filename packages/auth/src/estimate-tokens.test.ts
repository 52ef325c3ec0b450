import type { ChatRequest } from '@signalbox/core';
import { describe, expect, it } from 'vitest';
import { estimateInputTokens, estimateRequestTokens } from './estimate-tokens.js';

const request = (overrides: Partial<ChatRequest> = {}): ChatRequest => ({
  model: 'mock/echo',
  stream: false,
  messages: [
    { role: 'system', content: [{ type: 'text', text: 'x'.repeat(36) }] },
    {
      role: 'user',
      content: [
        { type: 'text', text: 'y'.repeat(36) },
        { type: 'image', source: { type: 'base64', data: 'A'.repeat(100_000) }, mediaType: 'image/png' },
      ],
    },
  ],
  ...overrides,
});

describe('estimateRequestTokens', () => {
  it('counts prompt characters / 4 and a fixed amount per image (not its bytes)', () => {
    expect(estimateInputTokens(request())).toBe(Math.ceil((36 + 4 + 36 + 4) / 4) + 765);
  });

  it('adds max output tokens, or the default, times n', () => {
    const input = estimateInputTokens(request());
    expect(estimateRequestTokens(request({ maxOutputTokens: 50 }), 1024)).toBe(input + 50);
    expect(estimateRequestTokens(request(), 1024)).toBe(input + 1024);
    expect(estimateRequestTokens(request({ maxOutputTokens: 10, n: 3 }), 1024)).toBe(input + 30);
  });
});
