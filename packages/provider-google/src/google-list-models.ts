import { GatewayError, type ModelInfo } from '@signalbox/core';

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Converts the Gemini API's `GET /v1beta/models` answer (`{models: [{name: 'models/...',
 * displayName, inputTokenLimit, supportedGenerationMethods}]}`) to the gateway's model list:
 * only the models that support `generateContent`, ids without the `models/` prefix. A body
 * without a `models` array is a 502.
 */
export function fromGoogleModelList(value: unknown, provider: string): ModelInfo[] {
  if (!isObject(value) || !Array.isArray(value.models))
    throw new GatewayError(`${provider} returned a model list without models.`, {
      status: 502,
      type: 'upstream_error',
    });
  const models: ModelInfo[] = [];
  for (const model of value.models) {
    if (!isObject(model) || typeof model.name !== 'string') continue;
    const methods = Array.isArray(model.supportedGenerationMethods) ? model.supportedGenerationMethods : [];
    if (!methods.includes('generateContent')) continue;
    const info: ModelInfo = { id: model.name.replace(/^models\//, ''), ownedBy: provider };
    if (typeof model.displayName === 'string') info.name = model.displayName;
    if (typeof model.inputTokenLimit === 'number') info.contextLength = model.inputTokenLimit;
    models.push(info);
  }
  return models;
}
