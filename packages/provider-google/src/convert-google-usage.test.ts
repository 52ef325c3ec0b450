import { describe, expect, it } from 'vitest';
import { convertGoogleUsage } from './convert-google-usage.js';

describe('convertGoogleUsage', () => {
  it('maps prompt, candidates and thoughts; reasoning is output', () => {
    const raw = {
      promptTokenCount: 9,
      candidatesTokenCount: 29,
      totalTokenCount: 294,
      thoughtsTokenCount: 256,
      promptTokensDetails: [{ modality: 'TEXT', tokenCount: 9 }],
    };
    expect(convertGoogleUsage(raw)).toEqual({
      inputTokens: { total: 9, noCache: 9, cacheRead: 0, cacheWrite: 0 },
      outputTokens: { total: 285, text: 29, reasoning: 256 },
      raw,
    });
  });

  it('counts cached content as a cache read within the prompt', () => {
    const usage = convertGoogleUsage({
      promptTokenCount: 2100,
      cachedContentTokenCount: 2048,
      candidatesTokenCount: 5,
    });
    expect(usage.inputTokens).toEqual({ total: 2100, noCache: 52, cacheRead: 2048, cacheWrite: 0 });
    expect(usage.outputTokens).toEqual({ total: 5, text: 5, reasoning: 0 });
  });

  it('adds the tokens of built-in tool results to the input', () => {
    const usage = convertGoogleUsage({
      promptTokenCount: 12,
      candidatesTokenCount: 60,
      toolUsePromptTokenCount: 65,
      thoughtsTokenCount: 82,
      totalTokenCount: 219,
    });
    expect(usage.inputTokens.total).toBe(77);
    expect((usage.inputTokens.total ?? 0) + (usage.outputTokens.total ?? 0)).toBe(219);
  });

  it('a blocked prompt has input tokens and no output', () => {
    const usage = convertGoogleUsage({ promptTokenCount: 9, totalTokenCount: 9 });
    expect(usage.outputTokens).toEqual({ total: 0, text: 0, reasoning: 0 });
  });

  it('no usage is unknown, never 0', () => {
    for (const value of [undefined, null, 'x']) {
      const usage = convertGoogleUsage(value);
      expect(usage.inputTokens.total).toBeUndefined();
      expect(usage.outputTokens.total).toBeUndefined();
      expect(usage.raw).toBeUndefined();
    }
  });
});
