import type { ChatRequest } from '@signalbox/core';
import { describe, expect, it } from 'vitest';
import { isModelAllowed, requestedModels } from './model-allowlist.js';

describe('model allowlist', () => {
  it('matches exact ids and trailing-* patterns', () => {
    expect(isModelAllowed('openai/gpt-4o', ['openai/*'])).toBe(true);
    expect(isModelAllowed('openai/gpt-4o', ['openai/gpt-4o'])).toBe(true);
    expect(isModelAllowed('openai/gpt-4o-mini', ['openai/gpt-4o'])).toBe(false);
    expect(isModelAllowed('anthropic/x', ['openai/*', 'mock/echo'])).toBe(false);
    expect(isModelAllowed('anything', ['*'])).toBe(true);
    expect(isModelAllowed('anything', [])).toBe(false);
  });

  it('collects the fallback models of both hosted styles', () => {
    const request: ChatRequest = {
      model: 'a/1',
      messages: [],
      stream: false,
      providerOptions: { gateway: { models: ['d/4'] } },
      source: {
        format: 'openai',
        forwardHeaders: {},
        extraFields: {
          models: ['b/2', 7],
          fallbacks: [{ model: 'c/3' }, { nope: 1 }],
          providerOptions: { gateway: { models: ['e/5', 'a/1'] } },
        },
      },
    };
    expect(requestedModels(request)).toEqual(['a/1', 'b/2', 'c/3', 'e/5', 'd/4']);
  });
});
