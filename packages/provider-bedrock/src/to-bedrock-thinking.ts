import type { ReasoningOptions, Warning } from '@signalbox/core';

/** Anthropic's smallest thinking budget. */
const MIN_THINKING_BUDGET = 1024;

/** Thinking budgets used for a reasoning effort (OpenAI `reasoning_effort`), as core's Anthropic codec does. */
const budgetByEffort: Record<string, number> = {
  minimal: 1024,
  low: 1024,
  medium: 4096,
  high: 16384,
  xhigh: 32768,
};

/** The `thinking` field of an Anthropic model's `additionalModelRequestFields`. */
export type BedrockThinking = { type: 'enabled'; budget_tokens: number } | { type: 'disabled' };

/**
 * The canonical reasoning options as Anthropic's `thinking` for a Claude model on Bedrock: a
 * budget -> enabled with it; an effort -> a budget (low 1024, medium 4096, high 16384, xhigh
 * 32768, lowered to half of `maxOutputTokens` when that is smaller) with a 'compatibility'
 * warning; `enabled: false` -> disabled; nothing (or effort `none`) -> undefined.
 */
export function toBedrockThinking(
  reasoning: ReasoningOptions | undefined,
  maxOutputTokens: number | undefined,
  warnings: Warning[],
): BedrockThinking | undefined {
  if (reasoning === undefined) return undefined;
  if (reasoning.enabled === false) return { type: 'disabled' };
  if (reasoning.budgetTokens !== undefined) return { type: 'enabled', budget_tokens: reasoning.budgetTokens };
  if (reasoning.effort === 'none') return undefined;
  if (reasoning.effort === undefined && reasoning.enabled !== true) return undefined;
  let budget = budgetByEffort[reasoning.effort ?? 'low'] ?? MIN_THINKING_BUDGET;
  if (maxOutputTokens !== undefined && maxOutputTokens <= budget) {
    budget = Math.max(MIN_THINKING_BUDGET, Math.floor(maxOutputTokens / 2));
    if (budget >= maxOutputTokens) {
      warnings.push({
        type: 'compatibility',
        feature: 'reasoning',
        details: `maxTokens ${maxOutputTokens} leaves no room for Anthropic's smallest thinking budget (1024); thinking was not enabled.`,
      });
      return undefined;
    }
  }
  warnings.push({
    type: 'compatibility',
    feature: 'reasoning',
    details: `Anthropic models take a thinking budget, not an effort; sent as budget_tokens ${budget}.`,
  });
  return { type: 'enabled', budget_tokens: budget };
}
