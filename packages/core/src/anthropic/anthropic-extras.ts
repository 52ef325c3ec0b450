import type { TextPart } from '../spec/v1/content-part.js';
import type { ProviderOptions } from '../spec/v1/provider-options.js';

/**
 * Key, in `providerOptions.anthropic` of a `TextPart`, holding a whole Anthropic content block
 * the canonical model has no part for (`server_tool_use`, `web_search_tool_result`,
 * `search_result`, `mcp_tool_use`...). Such a part has empty text; the Anthropic encoders emit
 * the block verbatim in its place, other formats see an empty text.
 */
export const ANTHROPIC_RAW_BLOCK_KEY = 'rawBlock';

/** `providerOptions.anthropic` of a message, part or tool, if any. */
export function anthropicOptionsOf(
  providerOptions: ProviderOptions | undefined,
): Record<string, unknown> | undefined {
  return providerOptions?.anthropic;
}

/**
 * The fields of a wire object that are not in `mapped`, in wire spelling, or undefined when
 * there are none. Shallow: values are shared, not copied.
 */
export function pickExtras(
  source: Record<string, unknown>,
  mapped: ReadonlySet<string>,
): Record<string, unknown> | undefined {
  let extras: Record<string, unknown> | undefined;
  for (const key in source) {
    if (mapped.has(key)) continue;
    const value = source[key];
    if (value === undefined) continue;
    extras ??= {};
    extras[key] = value;
  }
  return extras;
}

/** `{providerOptions: {anthropic: extras}}` when there are extras, else `{}` (for spreading). */
export function extrasAsOptions(extras: Record<string, unknown> | undefined): {
  providerOptions?: ProviderOptions;
} {
  return extras === undefined ? {} : { providerOptions: { anthropic: extras } };
}

/**
 * Adds the `providerOptions.anthropic` fields to a wire object, without overriding the fields
 * already set (mapped fields win). Mutates and returns `target`, which the caller just built.
 */
export function withExtras<T extends Record<string, unknown>>(
  target: T,
  providerOptions: ProviderOptions | undefined,
  skip?: ReadonlySet<string>,
): T {
  const extras = providerOptions?.anthropic;
  if (extras === undefined) return target;
  const record = target as Record<string, unknown>;
  for (const key in extras) {
    if (key in record || skip?.has(key)) continue;
    const value = extras[key];
    if (value !== undefined) record[key] = value;
  }
  return target;
}

/** A text part standing for an opaque Anthropic block (see {@link ANTHROPIC_RAW_BLOCK_KEY}). */
export function rawBlockPart(block: Record<string, unknown>): TextPart {
  return { type: 'text', text: '', providerOptions: { anthropic: { [ANTHROPIC_RAW_BLOCK_KEY]: block } } };
}

/** The opaque Anthropic block a part stands for, if it is one. */
export function rawBlockOf(
  providerOptions: ProviderOptions | undefined,
): Record<string, unknown> | undefined {
  const raw = providerOptions?.anthropic?.[ANTHROPIC_RAW_BLOCK_KEY];
  return typeof raw === 'object' && raw !== null && !Array.isArray(raw)
    ? (raw as Record<string, unknown>)
    : undefined;
}

/** Narrows an unknown value to a plain JSON object. */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
