import type { Warning } from '@signalbox/core';
import { describe, expect, it } from 'vitest';
import { toBedrockThinking } from './to-bedrock-thinking.js';

describe('toBedrockThinking', () => {
  it('takes a budget as is, and disabled as disabled', () => {
    expect(toBedrockThinking({ budgetTokens: 3000 }, undefined, [])).toEqual({
      type: 'enabled',
      budget_tokens: 3000,
    });
    expect(toBedrockThinking({ enabled: false }, undefined, [])).toEqual({ type: 'disabled' });
    expect(toBedrockThinking(undefined, undefined, [])).toBeUndefined();
    expect(toBedrockThinking({ effort: 'none' }, undefined, [])).toBeUndefined();
  });

  it('turns an effort into a budget, within maxOutputTokens, with a warning', () => {
    const warnings: Warning[] = [];
    expect(toBedrockThinking({ effort: 'high' }, undefined, warnings)).toEqual({
      type: 'enabled',
      budget_tokens: 16384,
    });
    expect(toBedrockThinking({ effort: 'high' }, 6000, warnings)).toEqual({
      type: 'enabled',
      budget_tokens: 3000,
    });
    expect(toBedrockThinking({ effort: 'low' }, 1024, warnings)).toBeUndefined();
    expect(warnings).toHaveLength(3);
  });
});
