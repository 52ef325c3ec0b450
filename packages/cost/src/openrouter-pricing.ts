import type { ModelInfo, ProviderAdapter } from '@signalbox/core';
import type { ModelPrice } from './model-price.js';
import type { PriceCatalog, ServedModel } from './price-catalog.js';

/**
 * OpenRouter's `pricing` object of `GET /api/v1/models`: USD per token as decimal strings
 * (`request` and `image` per unit). `input_cache_read` / `input_cache_write` only when the model
 * has those prices; `internal_reasoning` only when reasoning is priced apart.
 */
export interface OpenRouterPricing {
  prompt: string;
  completion: string;
  request: string;
  image: string;
  input_cache_read?: string;
  input_cache_write?: string;
  internal_reasoning?: string;
}

/** A price in OpenRouter's `pricing` shape. */
export function toOpenRouterPricing(price: ModelPrice): OpenRouterPricing {
  return {
    prompt: price.input,
    completion: price.output,
    request: price.request ?? '0',
    image: price.image ?? '0',
    ...(price.cacheRead !== undefined && { input_cache_read: price.cacheRead }),
    ...(price.cacheWrite !== undefined && { input_cache_write: price.cacheWrite }),
    ...(price.reasoning !== undefined && { internal_reasoning: price.reasoning }),
  };
}

/**
 * The `pricing` of a model for `GET /v1/models` (`openRouterPricing(catalog, 'openai/gpt-4o-mini')`),
 * or undefined when the catalog has no price for it. For a routing catalog's models list, pass it
 * as the model's `pricing`.
 */
export function openRouterPricing(
  catalog: PriceCatalog,
  model: string,
  served?: ServedModel,
): OpenRouterPricing | undefined {
  const price = catalog.lookup(model, served);
  return price && toOpenRouterPricing(price);
}

/**
 * A provider adapter whose `listModels` adds each model's `pricing` (from the catalog) to the
 * models list: core's built-in `GET /v1/models`, and the router's for models outside its catalog,
 * both list a model's `extra` fields. Everything else is the adapter itself.
 */
export function withModelPricing<T extends ProviderAdapter>(adapter: T, catalog: PriceCatalog): T {
  const listModels = adapter.listModels?.bind(adapter);
  if (listModels === undefined) return adapter;
  const priced = async (options: { signal: AbortSignal }): Promise<ModelInfo[]> => {
    const models = await listModels(options);
    return models.map((model) => {
      const pricing = openRouterPricing(catalog, `${adapter.name}/${model.id}`, {
        provider: adapter.name,
        providerModelId: model.id,
      });
      return pricing === undefined || model.extra?.pricing !== undefined
        ? model
        : { ...model, extra: { ...model.extra, pricing } };
    });
  };
  // Methods bound to the adapter, made once per method (not on every access: core reads
  // `generate`, `stream`... on every request), and made again if the adapter's method changes.
  const bound = new Map<PropertyKey, { method: (...args: never[]) => unknown; bound: unknown }>();
  return new Proxy(adapter, {
    get(target, property) {
      if (property === 'listModels') return priced;
      const value: unknown = Reflect.get(target, property, target);
      if (typeof value !== 'function') return value;
      const known = bound.get(property);
      if (known !== undefined && known.method === value) return known.bound;
      const method = value as (...args: never[]) => unknown;
      const made = method.bind(target);
      bound.set(property, { method, bound: made });
      return made;
    },
  });
}
