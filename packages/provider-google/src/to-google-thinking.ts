import type { ReasoningOptions, Warning } from '@signalbox/core';
import type { GoogleThinkingConfig } from './google-wire-types.js';

/**
 * Thinking budgets sent to Gemini 2.x models for a reasoning effort (they take a budget, not an
 * effort). `xhigh` is capped at `high`'s 24,576 tokens, the largest budget every 2.5 model takes.
 */
export const EFFORT_BUDGETS = {
  minimal: 512,
  low: 1024,
  medium: 8192,
  high: 24_576,
  xhigh: 24_576,
} as const;

/** Whether a model id is a Gemini 3 model (thinking levels, signed function calls). */
export function isGemini3Model(modelId: string): boolean {
  return /(^|\/)gemini-3/.test(modelId);
}

/**
 * Maps the canonical reasoning options to `generationConfig.thinkingConfig`:
 *
 * - `budgetTokens` -> `thinkingBudget`, with `includeThoughts` (the client asked to see them);
 * - `enabled: false` or effort `none` -> `thinkingBudget: 0` (Gemini 3 cannot stop thinking:
 *   `thinkingLevel: 'low'`, with a warning);
 * - another effort -> Gemini 3's `thinkingLevel` (`xhigh` as `high`), or for Gemini 2.x a budget
 *   from {@link EFFORT_BUDGETS}, with a `compatibility` warning naming it;
 * - `enabled: true` alone -> `includeThoughts` with the model's dynamic budget.
 */
export function toGoogleThinkingConfig(
  reasoning: ReasoningOptions,
  modelId: string,
  warnings: Warning[],
): GoogleThinkingConfig {
  const gemini3 = isGemini3Model(modelId);
  const effort = reasoning.effort;
  if (reasoning.enabled === false || effort === 'none') {
    if (!gemini3) return { thinkingBudget: 0 };
    warnings.push({
      type: 'compatibility',
      feature: 'reasoning',
      details: "Gemini 3 models always think: thinking was set to the lowest level, 'low'",
    });
    return { thinkingLevel: 'low' };
  }
  if (reasoning.budgetTokens !== undefined)
    return { thinkingBudget: reasoning.budgetTokens, includeThoughts: true };
  if (effort === undefined) return { includeThoughts: true };
  if (gemini3) {
    if (effort === 'xhigh')
      warnings.push({
        type: 'compatibility',
        feature: 'reasoning.effort',
        details: "Gemini's highest thinking level is 'high': effort 'xhigh' was sent as 'high'",
      });
    return { thinkingLevel: effort === 'xhigh' ? 'high' : effort, includeThoughts: true };
  }
  const budget = EFFORT_BUDGETS[effort];
  warnings.push({
    type: 'compatibility',
    feature: 'reasoning.effort',
    details: `Gemini 2.x takes a thinking budget, not an effort: effort '${effort}' was sent as thinkingBudget ${budget}`,
  });
  return { thinkingBudget: budget, includeThoughts: true };
}
