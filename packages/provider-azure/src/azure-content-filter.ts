import { withResponseFields } from '@signalbox/provider-openai';

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Azure's filter results in a completion or chunk: the prompt's, and the first choice's (when not empty). */
export function pickAzureFilterResults(json: Record<string, unknown>): Record<string, unknown> {
  const picked: Record<string, unknown> = {};
  if (json.prompt_filter_results !== undefined) picked.prompt_filter_results = json.prompt_filter_results;
  const choice = Array.isArray(json.choices)
    ? json.choices.find((item) => isObject(item) && (item.index ?? 0) === 0)
    : undefined;
  const results = isObject(choice) ? choice.content_filter_results : undefined;
  if (isObject(results) && Object.keys(results).length > 0) picked.content_filter_results = results;
  return picked;
}

/**
 * A chunk Azure sends before the completion starts, carrying only `prompt_filter_results` (no
 * choices, no usage, an empty id and model): kept in metadata, not decoded as a chunk.
 */
export function isPromptFilterChunk(json: Record<string, unknown>): boolean {
  return (
    Array.isArray(json.choices) &&
    json.choices.length === 0 &&
    json.usage == null &&
    json.prompt_filter_results !== undefined
  );
}

/**
 * Decoders that keep Azure's content-filter results in `providerMetadata[key]`
 * (`prompt_filter_results`, and the choice's `content_filter_results`: in a stream, the last
 * non-empty one), on the result and on the stream's `finish` part. `finish_reason:
 * 'content_filter'` is core's `content-filter`.
 */
export function azureFilterDecoders(key: string) {
  return withResponseFields({
    key,
    marker: 'filter_results',
    pick: pickAzureFilterResults,
    skip: isPromptFilterChunk,
  });
}
