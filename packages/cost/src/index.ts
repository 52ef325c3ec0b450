/**
 * `@signalbox/cost`: cost accounting with a price catalog, exact cost per request in both hosted
 * gateways' vocabularies, a ledger written once per request (memory, Postgres), budgets with
 * reservations that concurrent requests cannot overspend (memory, Postgres), estimates before
 * running, the `GET /generation` lookup, and OpenRouter `pricing` for the models list.
 *
 * @module
 */
export { cost } from './cost.js';
export type { CostOptions, CostSettings } from './cost-options.js';
export { parseCostOptions } from './cost-options.js';
export {
  createPriceCatalog,
  loadPriceFile,
  normalizeModelKey,
  type PriceCatalog,
  type PriceCatalogOptions,
  type ServedModel,
} from './price-catalog.js';
export { DEFAULT_PRICES, DEFAULT_PRICES_AS_OF } from './default-prices.js';
export {
  type ModelPrice,
  type ModelPriceInput,
  modelPriceInputSchema,
  resolveModelPrice,
} from './model-price.js';
export { Decimal, type DecimalValue, formatDecimal, perMillion, sumDecimals, toDecimal } from './decimal.js';
export { billableTokens, type BillableTokens, promptTokens, type TokenFallbacks } from './billable-tokens.js';
export {
  type ByokRule,
  computeCost,
  type CostBreakdown,
  type CostInput,
  toCostInfo,
} from './compute-cost.js';
export {
  approximateInputBounds,
  approximateInputTokens,
  approximateOutputTokens,
  countImages,
  measureRequest,
  type RequestSize,
  TOKENS_PER_MEDIA_MAX,
  TOKENS_PER_MEDIA_MIN,
  TOKENS_PER_MESSAGE,
} from './estimate-tokens.js';
export {
  candidateModels,
  type CostEstimate,
  estimateRequest,
  type EstimateSettings,
  worstCaseCost,
} from './estimate.js';
export { cacheWrite1hTokens, RequestAccount, type AccountSettings } from './request-account.js';
export { costUsageFields, gatewayCostFields, tokenDetailsExtension } from './usage-extension.js';
export type { LedgerAttempt, LedgerEntry, LedgerTokens } from './ledger-entry.js';
export { buildLedgerEntry } from './ledger-record.js';
export {
  type LedgerQuery,
  type LedgerStore,
  MemoryLedgerStore,
  type MemoryLedgerStoreOptions,
} from './ledger-store.js';
export { PostgresLedgerStore, type PostgresLedgerStoreOptions } from './postgres-ledger-store.js';
export {
  budgetKey,
  type BudgetPeriod,
  type BudgetScope,
  type BudgetStore,
  type BudgetUsage,
  type BudgetWindow,
  type ReserveOutcome,
} from './budget-store.js';
export { MemoryBudgetStore } from './memory-budget-store.js';
export { PostgresBudgetStore, type PostgresBudgetStoreOptions } from './postgres-budget-store.js';
export {
  budgetExceededError,
  type BudgetLimits,
  type BudgetResolver,
  type BudgetsConfig,
  budgetWindowName,
  budgetWindows,
  configuredBudgets,
  formatUsd,
  type PrincipalBudgets,
} from './budgets.js';
export {
  generationRoute,
  mayRead,
  type OpenRouterGeneration,
  type OpenRouterProviderResponse,
  toOpenRouterGeneration,
} from './generation-route.js';
export {
  openRouterPricing,
  type OpenRouterPricing,
  toOpenRouterPricing,
  withModelPricing,
} from './openrouter-pricing.js';
export { costNumber } from './cost-number.js';
