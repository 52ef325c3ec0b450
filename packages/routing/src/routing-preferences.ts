import { type ChatRequest, GatewayError } from '@signalbox/core';
import type { z } from 'zod';
import { formatIssueMessage, formatPath } from './format-issue.js';
import { type OpenRouterFields, openRouterFieldsSchema } from './openrouter-options.js';
import { type VercelGatewayOptions, vercelGatewaySchema } from './vercel-options.js';

/** What a provider sort ranks by. */
export type SortKey = 'price' | 'latency' | 'throughput';

/** A request's routing preferences, whichever hosted style it used (both may be combined). */
export interface RoutingPreferences {
  /** Models to try in order; the first is the primary. */
  models: string[];
  /** Providers to try first, in this order. */
  order?: string[];
  /** Only these providers. */
  only?: string[];
  /** Never these providers. */
  ignore?: string[];
  /** false: per model, only the providers in `order` (or else the first one). */
  allowFallbacks: boolean;
  sort?: { by: SortKey; partition: 'model' | 'none' };
  /** Skip providers whose catalog entry lists supported parameters without one the request uses. */
  requireParameters: boolean;
  /** USD per million tokens (`prompt`, `completion`) and per request; a hard filter. */
  maxPrice?: { prompt?: number; completion?: number; request?: number };
  /** First-token timeouts in ms per provider, by credential type (Vercel `providerTimeouts`). */
  providerTimeouts?: { byok?: Record<string, number>; system?: Record<string, number> };
}

const VERCEL_SORT: Record<string, SortKey> = { cost: 'price', ttft: 'latency', tps: 'throughput' };

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function invalid(path: ReadonlyArray<PropertyKey>, message: string, prefix = ''): GatewayError {
  const param = formatPath(path, prefix);
  return new GatewayError(`Invalid routing option ${param}: ${formatIssueMessage(message)}`, {
    status: 400,
    type: 'invalid_request_error',
    code: 'invalid_routing_option',
    param,
  });
}

function parse<T extends z.ZodType>(schema: T, value: unknown, prefix: string): z.output<T> {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  throw invalid(issue?.path ?? [], issue?.message ?? 'invalid', prefix);
}

function unique(values: Iterable<string>): string[] {
  return [...new Set(values)];
}

/** The `gateway` options a wire body carries (`providerOptions.gateway`), checked for shape. */
function wireGatewayOptions(extra: Record<string, unknown>): unknown {
  const providerOptions = extra.providerOptions;
  if (providerOptions === undefined || providerOptions === null) return undefined;
  if (!isRecord(providerOptions)) throw invalid(['providerOptions'], 'expected object');
  return providerOptions.gateway;
}

function merge(
  request: ChatRequest,
  openRouter: OpenRouterFields | undefined,
  vercel: VercelGatewayOptions[],
) {
  const provider = openRouter?.provider ?? undefined;
  const preferences: RoutingPreferences = {
    models: unique([
      request.model,
      ...(openRouter?.models ?? []),
      ...(openRouter?.fallbacks ?? []).map((fallback) => fallback.model),
      ...vercel.flatMap((options) => options.models ?? []),
    ]),
    allowFallbacks: provider?.allow_fallbacks ?? true,
    requireParameters: provider?.require_parameters ?? false,
  };
  const order = unique([...(provider?.order ?? []), ...vercel.flatMap((options) => options.order ?? [])]);
  if (order.length > 0) preferences.order = order;
  const onlyLists = [provider?.only, ...vercel.map((options) => options.only)].filter(
    (list): list is string[] => Array.isArray(list),
  );
  if (onlyLists.length > 0) {
    // Several `only` lists (both styles at once): a provider must be in every one.
    preferences.only = onlyLists.reduce((kept, list) => kept.filter((name) => list.includes(name)));
  }
  if (provider?.ignore) preferences.ignore = provider.ignore;
  const sort = provider?.sort;
  if (typeof sort === 'string') preferences.sort = { by: sort, partition: 'model' };
  else if (sort) preferences.sort = { by: sort.by, partition: sort.partition ?? 'model' };
  else {
    const vercelSort = vercel.find((options) => options.sort)?.sort;
    if (vercelSort) preferences.sort = { by: VERCEL_SORT[vercelSort] ?? 'price', partition: 'model' };
  }
  const maxPrice = provider?.max_price;
  if (maxPrice) {
    preferences.maxPrice = {};
    if (maxPrice.prompt != null) preferences.maxPrice.prompt = maxPrice.prompt;
    if (maxPrice.completion != null) preferences.maxPrice.completion = maxPrice.completion;
    if (maxPrice.request != null) preferences.maxPrice.request = maxPrice.request;
  }
  for (const options of vercel) {
    const timeouts = options.providerTimeouts;
    if (!timeouts) continue;
    preferences.providerTimeouts ??= {};
    if (timeouts.byok)
      preferences.providerTimeouts.byok = { ...preferences.providerTimeouts.byok, ...timeouts.byok };
    if (timeouts.system)
      preferences.providerTimeouts.system = { ...preferences.providerTimeouts.system, ...timeouts.system };
  }
  return preferences;
}

/**
 * Reads a request's routing options in both hosted styles: OpenRouter's top-level `models`,
 * `provider` and `fallbacks` (from `source.extraFields`, where the codecs keep them), and
 * Vercel's `providerOptions.gateway` (in the body, or on `request.providerOptions` for
 * in-process callers). Invalid options are a 400 naming the field (`provider.order[0]`).
 */
export function readRoutingPreferences(request: ChatRequest): RoutingPreferences {
  const extra = request.source?.extraFields;
  const hasOpenRouter =
    extra !== undefined &&
    (extra.models !== undefined || extra.provider !== undefined || extra.fallbacks !== undefined);
  const wireGateway = extra === undefined ? undefined : wireGatewayOptions(extra);
  const sdkGateway = request.providerOptions?.gateway;
  if (!hasOpenRouter && wireGateway === undefined && sdkGateway === undefined) {
    return { models: [request.model], allowFallbacks: true, requireParameters: false };
  }
  const openRouter = hasOpenRouter ? parse(openRouterFieldsSchema, extra, '') : undefined;
  const vercel: VercelGatewayOptions[] = [];
  if (wireGateway != null) vercel.push(parse(vercelGatewaySchema, wireGateway, 'providerOptions.gateway'));
  if (sdkGateway !== undefined)
    vercel.push(parse(vercelGatewaySchema, sdkGateway, 'providerOptions.gateway'));
  return merge(request, openRouter, vercel);
}

const ROUTING_FIELDS = ['models', 'provider', 'fallbacks'];

/**
 * The request as providers should see it: without the routing fields, which an upstream of the
 * client's own format would otherwise receive as unknown parameters. Returns the same object
 * when there is nothing to remove.
 */
export function stripRoutingFields(request: ChatRequest): ChatRequest {
  const source = request.source;
  const extra = source?.extraFields;
  if (!source || !extra) return request;
  const providerOptions = extra.providerOptions;
  const hasGateway = isRecord(providerOptions) && providerOptions.gateway !== undefined;
  if (!hasGateway && !ROUTING_FIELDS.some((field) => field in extra)) return request;
  const kept: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(extra)) {
    if (ROUTING_FIELDS.includes(key)) continue;
    if (key === 'providerOptions' && isRecord(value)) {
      const { gateway: _gateway, ...others } = value;
      if (Object.keys(others).length > 0) kept[key] = others;
      continue;
    }
    kept[key] = value;
  }
  return { ...request, source: { ...source, extraFields: kept } };
}

/**
 * Whether a request carries any routing option (or routing field to strip). False means
 * `readRoutingPreferences` answers the defaults (`models: [request.model]`) and
 * `stripRoutingFields` returns the request itself: the router's cached-plan path.
 */
export function hasRoutingOptions(request: ChatRequest): boolean {
  if (request.providerOptions?.gateway !== undefined) return true;
  const extra = request.source?.extraFields;
  if (extra === undefined) return false;
  return (
    (extra.providerOptions !== undefined && extra.providerOptions !== null) ||
    'models' in extra ||
    'provider' in extra ||
    'fallbacks' in extra
  );
}
