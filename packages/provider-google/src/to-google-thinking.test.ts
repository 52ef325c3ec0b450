import type { Warning } from '@signalbox/core';
import { describe, expect, it } from 'vitest';
import { isGemini3Model, toGoogleThinkingConfig } from './to-google-thinking.js';

function thinking(reasoning: Parameters<typeof toGoogleThinkingConfig>[0], modelId = 'gemini-2.5-flash') {
  const warnings: Warning[] = [];
  return { config: toGoogleThinkingConfig(reasoning, modelId, warnings), warnings };
}

describe('toGoogleThinkingConfig', () => {
  it('sends a token budget as thinkingBudget, with the thoughts', () => {
    expect(thinking({ budgetTokens: 2048 })).toEqual({
      config: { thinkingBudget: 2048, includeThoughts: true },
      warnings: [],
    });
  });

  it('turns thinking off with a zero budget', () => {
    expect(thinking({ enabled: false }).config).toEqual({ thinkingBudget: 0 });
    expect(thinking({ effort: 'none' }).config).toEqual({ thinkingBudget: 0 });
  });

  it('maps an effort to a budget on Gemini 2.x, with a warning', () => {
    const { config, warnings } = thinking({ effort: 'medium' });
    expect(config).toEqual({ thinkingBudget: 8192, includeThoughts: true });
    expect(warnings).toEqual([
      expect.objectContaining({ type: 'compatibility', feature: 'reasoning.effort' }),
    ]);
  });

  it('maps an effort to a thinking level on Gemini 3', () => {
    expect(thinking({ effort: 'low' }, 'gemini-3-pro-preview')).toEqual({
      config: { thinkingLevel: 'low', includeThoughts: true },
      warnings: [],
    });
    const xhigh = thinking({ effort: 'xhigh' }, 'gemini-3-flash');
    expect(xhigh.config.thinkingLevel).toBe('high');
    expect(xhigh.warnings).toHaveLength(1);
    const off = thinking({ enabled: false }, 'gemini-3-pro-preview');
    expect(off.config).toEqual({ thinkingLevel: 'low' });
    expect(off.warnings).toHaveLength(1);
  });

  it('enabled alone asks for the thoughts with the dynamic budget', () => {
    expect(thinking({ enabled: true }).config).toEqual({ includeThoughts: true });
  });

  it('recognises Gemini 3 model ids', () => {
    expect(isGemini3Model('gemini-3-pro-preview')).toBe(true);
    expect(isGemini3Model('publishers/google/models/gemini-3-flash')).toBe(true);
    expect(isGemini3Model('gemini-2.5-flash')).toBe(false);
  });
});
