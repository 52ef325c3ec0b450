import { GatewayError } from '../errors/gateway-error.js';
import type { ModelInfo } from '../spec/v1/model-info.js';
import type { ProviderAdapter } from '../spec/v1/provider-adapter.js';
import type { Clock } from './context.js';
import type { GatewayHttpResponse } from './http.js';

/** Lists every provider's models (prefixed `provider/`) plus aliases, cached briefly. */
export function createModelLister(
  providers: ReadonlyMap<string, ProviderAdapter>,
  aliases: Readonly<Record<string, string>>,
  clock: Clock,
  ttlMs = 60_000,
) {
  let cached: { at: number; models: ModelInfo[] } | undefined;

  async function fetchAll(): Promise<ModelInfo[]> {
    const lists = await Promise.all(
      [...providers.values()].map(async (provider) => {
        if (!provider.listModels) return [];
        try {
          const models = await provider.listModels({ signal: AbortSignal.timeout(5_000) });
          return models.map((model) => ({
            ...model,
            id: `${provider.name}/${model.id}`,
            ownedBy: model.ownedBy ?? provider.name,
          }));
        } catch {
          return []; // a provider that cannot list its models is left out, not fatal
        }
      }),
    );
    const models = lists.flat();
    for (const [alias, target] of Object.entries(aliases)) {
      const base = models.find((model) => model.id === target);
      models.push({
        ...base,
        id: alias,
        name: base?.name ?? alias,
        ownedBy: base?.ownedBy ?? target.split('/')[0] ?? 'signalbox',
      });
    }
    return models;
  }

  return async function listModels(): Promise<ModelInfo[]> {
    const now = clock.now();
    if (!cached || now - cached.at > ttlMs) cached = { at: now, models: await fetchAll() };
    return cached.models;
  };
}

function toOpenAIModel(model: ModelInfo) {
  return {
    id: model.id,
    object: 'model',
    created: model.created ?? 0,
    owned_by: model.ownedBy ?? 'signalbox',
    ...(model.name !== undefined && { name: model.name }),
    ...(model.contextLength !== undefined && { context_length: model.contextLength }),
    ...model.extra,
  };
}

function toAnthropicModel(model: ModelInfo) {
  return {
    type: 'model',
    id: model.id,
    display_name: model.name ?? model.id,
    created_at: new Date((model.created ?? 0) * 1000).toISOString(),
  };
}

/** `GET /models`: the OpenAI list shape, or Anthropic's when the client sent `anthropic-version`. */
export function modelsResponse(models: ModelInfo[], anthropic: boolean): GatewayHttpResponse {
  if (anthropic) {
    const data = models.map(toAnthropicModel);
    return {
      status: 200,
      headers: {},
      body: {
        type: 'json',
        value: { data, has_more: false, first_id: data[0]?.id ?? null, last_id: data.at(-1)?.id ?? null },
      },
    };
  }
  return {
    status: 200,
    headers: {},
    body: { type: 'json', value: { object: 'list', data: models.map(toOpenAIModel) } },
  };
}

/** `GET /models/{id}`: one model, or 404 naming it. */
export function modelResponse(models: ModelInfo[], id: string, anthropic: boolean): GatewayHttpResponse {
  const model = models.find((candidate) => candidate.id === id);
  if (!model) {
    throw new GatewayError(`The model '${id}' does not exist or is not available on this gateway.`, {
      status: 404,
      code: 'model_not_found',
      param: 'model',
    });
  }
  return {
    status: 200,
    headers: {},
    body: { type: 'json', value: anthropic ? toAnthropicModel(model) : toOpenAIModel(model) },
  };
}
