import type { ChatRequest } from '@signalbox/core';
import { describe, expect, it } from 'vitest';
import { readGoogleChatOptions } from './google-chat-options.js';

const base: ChatRequest = { model: 'google/gemini-2.5-flash', messages: [], stream: false };

describe('readGoogleChatOptions', () => {
  it('reads providerOptions.google from the request and from the client body', () => {
    const request: ChatRequest = {
      ...base,
      providerOptions: { google: { cachedContent: 'cachedContents/abc' } },
      source: {
        format: 'openai',
        extraFields: {
          providerOptions: {
            google: { safetySettings: [{ category: 'HARM_CATEGORY_HARASSMENT', threshold: 'BLOCK_NONE' }] },
          },
        },
        forwardHeaders: {},
      },
    };
    expect(readGoogleChatOptions(request, 'google')).toEqual({
      cachedContent: 'cachedContents/abc',
      safetySettings: [{ category: 'HARM_CATEGORY_HARASSMENT', threshold: 'BLOCK_NONE' }],
    });
  });

  it("the provider's own name wins over google", () => {
    const request: ChatRequest = {
      ...base,
      providerOptions: {
        google: { cachedContent: 'a' },
        vertex: { cachedContent: 'b', labels: { team: 'x' } },
      },
    };
    expect(readGoogleChatOptions(request, 'vertex')).toEqual({ cachedContent: 'b', labels: { team: 'x' } });
    expect(readGoogleChatOptions(request, 'google').cachedContent).toBe('a');
  });

  it('keeps unknown fields for the body', () => {
    expect(
      readGoogleChatOptions({ ...base, providerOptions: { google: { serviceTier: 'flex' } } }, 'google'),
    ).toEqual({
      serviceTier: 'flex',
    });
  });

  it('a bad or reserved field is a 400 naming it', () => {
    expect(() =>
      readGoogleChatOptions(
        { ...base, providerOptions: { google: { thinkingConfig: { budget: 1 } } } },
        'google',
      ),
    ).toThrow(expect.objectContaining({ status: 400, param: 'providerOptions.google.thinkingConfig' }));
    expect(() =>
      readGoogleChatOptions({ ...base, providerOptions: { google: { contents: [] } } }, 'google'),
    ).toThrow(expect.objectContaining({ status: 400, param: 'providerOptions.google.contents' }));
  });
});
