import type { ModelInfo } from '@signalbox/core';

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Cohere's `GET /v1/models` answer (`{models: [{name, endpoints, context_length, ...}]}`) as the
 * gateway's model list: the chat models (those with the `chat` endpoint, or every model when
 * the list does not say), ids without the provider prefix. Entries without a name are skipped.
 */
export function fromCohereModelList(value: unknown, provider: string): ModelInfo[] {
  const models = isObject(value) && Array.isArray(value.models) ? value.models : [];
  const result: ModelInfo[] = [];
  for (const model of models) {
    if (!isObject(model) || typeof model.name !== 'string') continue;
    if (Array.isArray(model.endpoints) && !model.endpoints.includes('chat')) continue;
    const info: ModelInfo = { id: model.name, ownedBy: provider };
    if (typeof model.context_length === 'number') info.contextLength = model.context_length;
    result.push(info);
  }
  return result;
}
