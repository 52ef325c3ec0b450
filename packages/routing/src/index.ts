/**
 * `@signalbox/routing`: the model catalog, per-request routing options (OpenRouter and Vercel
 * styles), retries with Retry-After, fallback across providers and models, timeouts, cooldown,
 * stream fallback before the first token, and `GET /models` from the catalog.
 *
 * @module
 */
export { router } from './router.js';
export type { RouterOptions } from './router-options.js';
export {
  createCatalog,
  missingProviders,
  type Catalog,
  type CatalogModel,
  type CatalogOffer,
  type Prices,
} from './catalog.js';
export type {
  CatalogDefinition,
  CatalogModelDefinition,
  CatalogProviderDefinition,
  Pricing,
} from './catalog-schema.js';
export { loadCatalog, parseCatalog, type CatalogFormat } from './load-catalog.js';
export {
  readRoutingPreferences,
  stripRoutingFields,
  type RoutingPreferences,
  type SortKey,
} from './routing-preferences.js';
export { buildPlan, planningReasoning, type PlanEntry, type PlanInput } from './plan.js';
export { Cooldown, type CooldownOptions, type CooldownStatus } from './cooldown.js';
export {
  MemoryCooldownStore,
  type CooldownState,
  type CooldownStore,
  type MemoryCooldownStoreOptions,
} from './cooldown-store.js';
export {
  ProviderStats,
  offerKey,
  type ProviderStatsEntry,
  type ProviderStatsOptions,
} from './provider-stats.js';
export { selectError, type FailedAttempt } from './select-error.js';
export { failureAction, retryDelay, type FailureAction, type RetryPolicy } from './execute-plan.js';
export { catalogModelsRoutes, type ModelsRouteOptions } from './models-route.js';
