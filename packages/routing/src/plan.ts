import { type ChatRequest, type CredentialType, GatewayError, type ProviderAdapter } from '@signalbox/core';
import type { Catalog, CatalogOffer, Prices } from './catalog.js';
import { offerKey, type ProviderStats } from './provider-stats.js';
import { requestParameters } from './request-parameters.js';
import type { RoutingPreferences, SortKey } from './routing-preferences.js';

/** One (model, provider) the router may try. */
export interface PlanEntry {
  /** The catalog model id, or the `provider/model` id passed through. */
  model: string;
  canonicalSlug: string;
  provider: string;
  providerModelId: string;
  credentialType: CredentialType;
  prices: Prices;
  /** `provider/providerModelId`: the key of cooldown and stats. */
  key: string;
  /** From Vercel `providerTimeouts` for this provider and credential type. */
  firstTokenTimeoutMs?: number;
}

/** What the plan builder needs to know. */
export interface PlanInput {
  catalog: Catalog;
  providers: ReadonlyMap<string, ProviderAdapter>;
  preferences: RoutingPreferences;
  request: ChatRequest;
  /** The principal's own provider keys (BYOK), by provider name. */
  providerKeys?: Record<string, string>;
  /**
   * `ctx.preferredProvider` (cache-affine routing): tried first among the primary model's
   * providers, unless the request gives its own `order`. Filters still apply.
   */
  preferredProvider?: string;
  stats: ProviderStats;
}

const PER_MILLION = 1_000_000;

function notFound(model: string, fallback: boolean): GatewayError {
  return new GatewayError(
    `The model '${model}'${fallback ? ' (a fallback model)' : ''} does not exist or is not available on this gateway.`,
    { status: 404, type: 'not_found_error', code: 'model_not_found', param: fallback ? 'models' : 'model' },
  );
}

/** A model's offers: from the catalog, or a `provider/model` id passed through to that provider. */
function offersFor(
  input: PlanInput,
  id: string,
): { canonicalSlug: string; model: string; offers: CatalogOffer[] } | undefined {
  const entry = input.catalog.find(id);
  if (entry) return { model: entry.id, canonicalSlug: entry.canonicalSlug, offers: entry.offers };
  const slash = id.indexOf('/');
  if (slash <= 0 || slash === id.length - 1 || !input.providers.has(id.slice(0, slash))) return undefined;
  return {
    model: id,
    canonicalSlug: id,
    offers: [{ provider: id.slice(0, slash), model: id.slice(slash + 1), prices: {} }],
  };
}

function withinPrice(prices: Prices, limit: NonNullable<RoutingPreferences['maxPrice']>): boolean {
  if (limit.prompt !== undefined && prices.prompt !== undefined && prices.prompt * PER_MILLION > limit.prompt)
    return false;
  if (
    limit.completion !== undefined &&
    prices.completion !== undefined &&
    prices.completion * PER_MILLION > limit.completion
  )
    return false;
  if (limit.request !== undefined && prices.request !== undefined && prices.request > limit.request)
    return false;
  return true;
}

function metric(entry: PlanEntry, by: SortKey, stats: ProviderStats): number {
  if (by === 'price') {
    const { prompt, completion } = entry.prices;
    return prompt === undefined && completion === undefined
      ? Number.POSITIVE_INFINITY
      : (prompt ?? 0) + (completion ?? 0);
  }
  const measured = stats.get(entry.key);
  if (by === 'latency') return measured?.ttftMs ?? Number.POSITIVE_INFINITY;
  return measured?.tokensPerSecond === undefined ? Number.POSITIVE_INFINITY : -measured.tokensPerSecond;
}

/** Stable sort by a metric; unknown values (no price, no measurement) keep their order, last. */
function sortBy(entries: PlanEntry[], by: SortKey, stats: ProviderStats): PlanEntry[] {
  return entries
    .map((entry, index) => ({ entry, index, value: metric(entry, by, stats) }))
    .sort((a, b) => (a.value === b.value ? a.index - b.index : a.value < b.value ? -1 : 1))
    .map((item) => item.entry);
}

/** The preferred provider's entry first, the others in their order. */
function preferFirst(entries: PlanEntry[], provider: string): PlanEntry[] {
  const at = entries.findIndex((entry) => entry.provider === provider);
  if (at <= 0) return entries;
  return [entries[at] as PlanEntry, ...entries.slice(0, at), ...entries.slice(at + 1)];
}

/** `order` first, in its sequence; the rest after (or dropped when fallbacks are off). */
function applyOrder(entries: PlanEntry[], preferences: RoutingPreferences): PlanEntry[] {
  const order = preferences.order ?? [];
  const ordered = order.flatMap((name) => entries.filter((entry) => entry.provider === name));
  if (!preferences.allowFallbacks) return order.length > 0 ? ordered : entries.slice(0, 1);
  return [...ordered, ...entries.filter((entry) => !order.includes(entry.provider))];
}

/**
 * Builds the ordered list of (model, provider) attempts: each requested model in turn (the
 * primary, then fallback models), its providers filtered (`only`, `ignore`, `max_price`,
 * `require_parameters`), sorted (`sort`) and ordered (`order`, `allow_fallbacks`).
 * Unknown primary model -> 404 `model_not_found`; nothing left after the filters -> 404
 * `no_providers_available`.
 */
export function buildPlan(input: PlanInput): PlanEntry[] {
  const { preferences } = input;
  const used = preferences.requireParameters ? requestParameters(input.request) : [];
  const groups: PlanEntry[][] = [];
  preferences.models.forEach((id, index) => {
    const resolved = offersFor(input, id);
    if (!resolved) throw notFound(id, index > 0);
    const entries: PlanEntry[] = [];
    for (const offer of resolved.offers) {
      if (!input.providers.has(offer.provider)) continue;
      if (preferences.only && !preferences.only.includes(offer.provider)) continue;
      if (preferences.ignore?.includes(offer.provider)) continue;
      if (preferences.maxPrice && !withinPrice(offer.prices, preferences.maxPrice)) continue;
      if (offer.supportedParameters && used.some((name) => !offer.supportedParameters?.includes(name)))
        continue;
      const credentialType: CredentialType =
        input.providerKeys?.[offer.provider] !== undefined ? 'byok' : 'system';
      const entry: PlanEntry = {
        model: resolved.model,
        canonicalSlug: resolved.canonicalSlug,
        provider: offer.provider,
        providerModelId: offer.model,
        credentialType,
        prices: offer.prices,
        key: offerKey(offer.provider, offer.model),
      };
      const timeout = preferences.providerTimeouts?.[credentialType]?.[offer.provider];
      if (timeout !== undefined) entry.firstTokenTimeoutMs = timeout;
      entries.push(entry);
    }
    let sorted =
      preferences.sort?.partition === 'model' ? sortBy(entries, preferences.sort.by, input.stats) : entries;
    if (index === 0 && input.preferredProvider !== undefined && !preferences.order?.length) {
      sorted = preferFirst(sorted, input.preferredProvider);
    }
    groups.push(applyOrder(sorted, preferences));
  });
  let plan = groups.flat();
  if (preferences.sort?.partition === 'none') plan = sortBy(plan, preferences.sort.by, input.stats);
  if (plan.length === 0) {
    throw new GatewayError(
      `No provider of ${preferences.models.map((model) => `'${model}'`).join(', ')} satisfies the request's routing options.`,
      { status: 404, type: 'not_found_error', code: 'no_providers_available', param: 'provider' },
    );
  }
  return plan;
}

/**
 * Vercel-style planning reasoning: `System credentials planned for: a, b. Total execution
 * order: a(system) → b(system)`. Entries of fallback models are written `model via provider`;
 * cooled-down entries skipped are named.
 */
export function planningReasoning(plan: PlanEntry[], skipped: PlanEntry[] = [], allCooling = false): string {
  const names = (type: CredentialType) => [
    ...new Set(plan.filter((entry) => entry.credentialType === type).map((entry) => entry.provider)),
  ];
  const byok = names('byok');
  const system = names('system');
  const primary = plan[0]?.model;
  const parts: string[] = [];
  if (byok.length > 0) parts.push(`BYOK credentials planned for: ${byok.join(', ')}.`);
  if (system.length > 0) parts.push(`System credentials planned for: ${system.join(', ')}.`);
  if (skipped.length > 0)
    parts.push(`Cooling down, skipped: ${skipped.map((entry) => entry.key).join(', ')}.`);
  if (allCooling) parts.push('Every provider is cooling down: trying them anyway.');
  const order = plan.map((entry) => {
    const name = entry.model === primary ? entry.provider : `${entry.model} via ${entry.provider}`;
    return `${name}(${entry.credentialType})`;
  });
  parts.push(`Total execution order: ${order.join(' → ')}`);
  return parts.join(' ');
}
