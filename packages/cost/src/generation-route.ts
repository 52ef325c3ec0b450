import { GatewayError, type GatewayHttpResponse, type Principal, type Route } from '@signalbox/core';
import { costNumber } from './cost-number.js';
import type { LedgerEntry } from './ledger-entry.js';
import type { LedgerStore } from './ledger-store.js';

/** One attempt in OpenRouter's `provider_responses`. */
export interface OpenRouterProviderResponse {
  provider_name: string;
  model: string;
  status: number | null;
  latency: number | null;
  is_byok: boolean;
  id?: string;
}

/** A ledger entry as OpenRouter's `GET /api/v1/generation` `data` object (plus Signalbox's own fields). */
export interface OpenRouterGeneration {
  id: string;
  upstream_id: string | null;
  total_cost: number | null;
  cache_discount: number | null;
  upstream_inference_cost: number | null;
  usage: number | null;
  created_at: string;
  model: string;
  provider_name: string | null;
  provider_responses: OpenRouterProviderResponse[];
  streamed: boolean;
  cancelled: boolean;
  latency: number;
  generation_time: number | null;
  finish_reason: string | null;
  native_finish_reason: string | null;
  tokens_prompt: number;
  tokens_completion: number;
  native_tokens_prompt: number;
  native_tokens_completion: number;
  native_tokens_reasoning: number;
  native_tokens_cached: number;
  /** The cache-write tokens OpenRouter's record leaves out. */
  native_tokens_cache_write: number;
  is_byok: boolean;
  response_cache_source_id: string | null;
  /** Exact decimal strings and what OpenRouter has no field for. */
  signalbox: {
    cost: string | null;
    market_cost: string | null;
    inference_cost: string | null;
    input_cost: string | null;
    output_cost: string | null;
    cache_discount: string | null;
    estimated: boolean;
    cached: boolean;
    requested_model: string;
    endpoint: string;
    status: number;
    error: string | null;
    time_to_first_token: number | null;
    native_tokens_cache_write_1h: number;
    principal_id: string | null;
    project_id: string | null;
  };
}

const nullableNumber = (value: string | null): number | null => (value === null ? null : costNumber(value));

/** OpenAI-style finish reason (`tool_calls`) from the unified one (`tool-calls`). */
function openAIFinishReason(reason: string | null): string | null {
  return reason === null ? null : reason.replaceAll('-', '_');
}

/** A ledger entry in OpenRouter's generation shape. */
export function toOpenRouterGeneration(entry: LedgerEntry): OpenRouterGeneration {
  return {
    id: entry.generationId,
    upstream_id: entry.upstreamId,
    total_cost: nullableNumber(entry.cost),
    cache_discount: nullableNumber(entry.cacheDiscount),
    upstream_inference_cost: nullableNumber(entry.inferenceCost),
    usage: nullableNumber(entry.cost),
    created_at: entry.createdAt,
    model: entry.model,
    provider_name: entry.provider,
    provider_responses: entry.attempts.map((attempt) => ({
      provider_name: attempt.provider,
      model: attempt.model,
      status: attempt.status,
      latency: attempt.latencyMs,
      is_byok: attempt.isByok,
      ...(attempt.providerResponseId !== null && { id: attempt.providerResponseId }),
    })),
    streamed: entry.streamed,
    cancelled: entry.cancelled,
    latency: entry.latencyMs,
    generation_time: entry.generationTimeMs,
    finish_reason: openAIFinishReason(entry.finishReason),
    native_finish_reason: entry.nativeFinishReason,
    tokens_prompt: entry.tokens.prompt,
    tokens_completion: entry.tokens.completion,
    native_tokens_prompt: entry.tokens.prompt,
    native_tokens_completion: entry.tokens.completion,
    native_tokens_reasoning: entry.tokens.reasoning,
    native_tokens_cached: entry.tokens.cacheRead,
    native_tokens_cache_write: entry.tokens.cacheWrite,
    is_byok: entry.isByok,
    response_cache_source_id: entry.cacheSourceId,
    signalbox: {
      cost: entry.cost,
      market_cost: entry.marketCost,
      inference_cost: entry.inferenceCost,
      input_cost: entry.inputCost,
      output_cost: entry.outputCost,
      cache_discount: entry.cacheDiscount,
      estimated: entry.estimated,
      cached: entry.cached,
      requested_model: entry.requestedModel,
      endpoint: entry.endpoint,
      status: entry.status,
      error: entry.error,
      time_to_first_token: entry.timeToFirstTokenMs,
      native_tokens_cache_write_1h: entry.tokens.cacheWrite1h,
      principal_id: entry.principalId,
      project_id: entry.projectId,
    },
  };
}

/**
 * Whether a principal may read an entry: its own generations, and those of its project. When
 * the gateway has no authentication (no principal), only entries without a principal.
 */
export function mayRead(principal: Principal | undefined, entry: LedgerEntry): boolean {
  if (principal === undefined) return entry.principalId === null;
  if (entry.principalId === principal.id) return true;
  return principal.projectId !== undefined && entry.projectId === principal.projectId;
}

/**
 * `GET /generation?id=gen_...`: the ledger's record of one generation in OpenRouter's shape,
 * `{data: {...}}`. An unknown id, or one another principal made, is a 404 (which of the two is
 * not revealed); a missing `id` is a 400 naming it.
 */
export function generationRoute(ledger: LedgerStore, path = '/generation'): Route {
  return {
    method: 'GET',
    path,
    handler: async (context): Promise<GatewayHttpResponse> => {
      const id = context.http.query.get('id');
      if (id === null || id === '') {
        throw new GatewayError("Missing query parameter 'id': GET /generation?id=<generation id>", {
          status: 400,
          code: 'missing_parameter',
          param: 'id',
        });
      }
      const entry = await ledger.get(id);
      if (entry === undefined || !mayRead(context.principal, entry)) {
        throw new GatewayError(`Generation '${id}' not found`, {
          status: 404,
          type: 'not_found_error',
          code: 'generation_not_found',
          param: 'id',
        });
      }
      return {
        status: 200,
        headers: {},
        body: { type: 'json', value: { data: toOpenRouterGeneration(entry) } },
      };
    },
  };
}
