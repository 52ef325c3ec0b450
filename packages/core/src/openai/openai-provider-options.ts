/**
 * Moving wire fields the canonical model has no slot for into `providerOptions.openai` and back.
 *
 * @module
 */
import type { ProviderOptions } from '../spec/v1/provider-options.js';

/**
 * Keys the codec itself keeps in `providerOptions.openai` (which field or role the client used);
 * they are read by the encoder and never sent as wire fields.
 */
export const openaiBookkeepingKeys: ReadonlySet<string> = new Set([
  'role',
  'maxTokensField',
  'legacyFunctionCall',
]);

/** The fields of `source` not in `known`, or `undefined` when there are none. */
export function collectExtras(
  source: Record<string, unknown>,
  known: ReadonlySet<string>,
): Record<string, unknown> | undefined {
  let extras: Record<string, unknown> | undefined;
  for (const key of Object.keys(source)) {
    if (!known.has(key)) {
      extras ??= {};
      extras[key] = source[key];
    }
  }
  return extras;
}

/** `{ openai: extras }`, or `undefined` when there is nothing to keep. */
export function openaiProviderOptions(
  extras: Record<string, unknown> | undefined,
): ProviderOptions | undefined {
  return extras === undefined ? undefined : { openai: extras };
}

/**
 * The provider options of a content part or a tool from its extra wire fields: `{ openai: extras }`,
 * plus `{ anthropic: { cache_control } }` when the client marked it with an Anthropic prompt-cache
 * breakpoint, as OpenRouter and LiteLLM let OpenAI-format clients do. The marker then takes effect
 * when the model is Claude, and still reaches an OpenAI-format upstream as sent.
 */
export function partProviderOptions(
  extras: Record<string, unknown> | undefined,
): ProviderOptions | undefined {
  const options = openaiProviderOptions(extras);
  const marker = extras?.cache_control;
  if (options !== undefined && typeof marker === 'object' && marker !== null && !Array.isArray(marker)) {
    options.anthropic = { cache_control: marker };
  }
  return options;
}

/** Copies the wire fields in `providerOptions.openai` (not the bookkeeping keys) onto `target`. */
export function assignOpenAIExtras(
  target: Record<string, unknown>,
  providerOptions: ProviderOptions | undefined,
): Record<string, unknown> {
  const extras = providerOptions?.openai;
  if (extras === undefined) return target;
  for (const key of Object.keys(extras)) {
    if (!openaiBookkeepingKeys.has(key) && !(key in target)) target[key] = extras[key];
  }
  return target;
}

/** Whether `providerOptions.openai` holds wire fields (not only bookkeeping keys). */
export function hasOpenAIExtras(providerOptions: ProviderOptions | undefined): boolean {
  const extras = providerOptions?.openai;
  if (extras === undefined) return false;
  for (const key of Object.keys(extras)) if (!openaiBookkeepingKeys.has(key)) return true;
  return false;
}
