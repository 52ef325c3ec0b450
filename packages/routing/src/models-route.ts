import {
  type Clock,
  GatewayError,
  type GatewayHttpResponse,
  type ModelInfo,
  type ProviderAdapter,
  type Route,
  type RouteContext,
} from '@signalbox/core';
import type { Catalog, CatalogModel } from './catalog.js';

/** One row of the models list, before it is written in a wire shape. */
interface ListedModel {
  id: string;
  name: string;
  created: number;
  ownedBy: string;
  fields: Record<string, unknown>;
}

function fromCatalog(model: CatalogModel): ListedModel {
  const contextLength =
    model.contextLength ?? model.offers.find((offer) => offer.contextLength)?.contextLength;
  const pricing = model.pricing ?? model.offers.find((offer) => offer.pricing)?.pricing;
  return {
    id: model.id,
    name: model.name,
    created: model.created ?? 0,
    ownedBy: model.ownedBy,
    fields: {
      canonical_slug: model.canonicalSlug,
      ...(model.description !== undefined && { description: model.description }),
      ...(contextLength !== undefined && { context_length: contextLength }),
      ...(pricing !== undefined && { pricing }),
    },
  };
}

function fromProvider(provider: string, model: ModelInfo): ListedModel {
  return {
    id: `${provider}/${model.id}`,
    name: model.name ?? `${provider}/${model.id}`,
    created: model.created ?? 0,
    ownedBy: model.ownedBy ?? provider,
    fields: {
      ...(model.contextLength !== undefined && { context_length: model.contextLength }),
      ...model.extra,
    },
  };
}

function openaiShape(model: ListedModel) {
  return {
    id: model.id,
    object: 'model',
    created: model.created,
    owned_by: model.ownedBy,
    name: model.name,
    ...model.fields,
  };
}

function anthropicShape(model: ListedModel) {
  return {
    type: 'model',
    id: model.id,
    display_name: model.name,
    created_at: new Date(model.created * 1000).toISOString(),
  };
}

function json(value: unknown): GatewayHttpResponse {
  return { status: 200, headers: {}, body: { type: 'json', value } };
}

/** Options of the models routes. */
export interface ModelsRouteOptions {
  /** How long providers' own lists are cached, ms; default 60 s. */
  ttlMs?: number;
  clock?: Clock;
}

/**
 * `GET /models` and `GET /models/{id}` for a router: the catalog's models (those with at least one
 * provider in the gateway), then every provider's own models (`provider/model`) not already in
 * the catalog. OpenAI list shape with OpenRouter fields (`name`, `canonical_slug`,
 * `context_length`, `pricing` as given in the catalog), or Anthropic's shape when the client sent
 * `anthropic-version`. These routes take precedence over core's built-in ones.
 */
export function catalogModelsRoutes(catalog: Catalog, options: ModelsRouteOptions = {}): Route[] {
  const ttlMs = options.ttlMs ?? 60_000;
  const cache = new WeakMap<ReadonlyMap<string, ProviderAdapter>, { at: number; models: ListedModel[] }>();

  async function providerModels(providers: ReadonlyMap<string, ProviderAdapter>): Promise<ListedModel[]> {
    const lists = await Promise.all(
      [...providers.values()].map(async (provider) => {
        if (!provider.listModels) return [];
        try {
          const models = await provider.listModels({ signal: AbortSignal.timeout(5_000) });
          return models.map((model) => fromProvider(provider.name, model));
        } catch {
          return []; // a provider that cannot list its models is left out, not fatal
        }
      }),
    );
    return lists.flat().filter((model) => catalog.find(model.id) === undefined);
  }

  async function list(context: RouteContext): Promise<ListedModel[]> {
    const now = (options.clock ?? context.clock).now();
    const cached = cache.get(context.providers);
    if (cached && now - cached.at <= ttlMs) return cached.models;
    const served = catalog.models.filter((model) =>
      model.offers.some((offer) => context.providers.has(offer.provider)),
    );
    const models = [...served.map(fromCatalog), ...(await providerModels(context.providers))];
    cache.set(context.providers, { at: now, models });
    return models;
  }

  async function listHandler(context: RouteContext): Promise<GatewayHttpResponse> {
    const models = await list(context);
    if (context.format === 'anthropic') {
      const data = models.map(anthropicShape);
      return json({ data, has_more: false, first_id: data[0]?.id ?? null, last_id: data.at(-1)?.id ?? null });
    }
    return json({ object: 'list', data: models.map(openaiShape) });
  }

  async function oneHandler(context: RouteContext, id: string): Promise<GatewayHttpResponse> {
    const models = await list(context);
    const canonical = catalog.find(id)?.id ?? id;
    const model = models.find((candidate) => candidate.id === canonical);
    if (!model) {
      throw new GatewayError(`The model '${id}' does not exist or is not available on this gateway.`, {
        status: 404,
        type: 'not_found_error',
        code: 'model_not_found',
        param: 'model',
      });
    }
    return json(context.format === 'anthropic' ? anthropicShape(model) : openaiShape(model));
  }

  return [
    { method: 'GET', path: '/models', handler: listHandler },
    {
      method: 'GET',
      path: '/models/:id',
      handler: (context, params) => oneHandler(context, params.id ?? ''),
    },
    {
      method: 'GET',
      path: '/models/:owner/:id',
      handler: (context, params) => oneHandler(context, `${params.owner}/${params.id}`),
    },
  ];
}
