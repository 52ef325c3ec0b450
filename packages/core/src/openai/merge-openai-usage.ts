function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Merges a middleware's usage fields (`cost`, `cost_details`, `prompt_tokens_details.cache_write_tokens`...)
 * into an OpenAI `usage` object, in place: top-level keys are replaced, `*_details` objects are
 * merged key by key so the counts already there survive.
 */
export function mergeOpenAIUsage(
  usage: Record<string, unknown>,
  extension: Record<string, unknown> | undefined,
): Record<string, unknown> {
  if (extension === undefined) return usage;
  for (const key of Object.keys(extension)) {
    const value = extension[key];
    const current = usage[key];
    usage[key] =
      key.endsWith('_details') && isPlainObject(current) && isPlainObject(value)
        ? { ...current, ...value }
        : value;
  }
  return usage;
}
