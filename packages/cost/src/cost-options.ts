import type { Clock } from '@signalbox/core';
import { z } from 'zod';
import type { BudgetStore } from './budget-store.js';
import type { BudgetResolver, BudgetsConfig } from './budgets.js';
import type { ByokRule } from './compute-cost.js';
import { toDecimal } from './decimal.js';
import type { LedgerStore } from './ledger-store.js';
import { MemoryBudgetStore } from './memory-budget-store.js';
import { MemoryLedgerStore } from './ledger-store.js';
import { createPriceCatalog, type PriceCatalog, type PriceCatalogOptions } from './price-catalog.js';

/** Options of `cost()`. Every field is optional. */
export interface CostOptions {
  /** Prices: a built catalog, or options for `createPriceCatalog` (default: the shipped prices). */
  catalog?: PriceCatalog | PriceCatalogOptions;
  /** Where ledger entries go; default a `MemoryLedgerStore`. */
  ledger?: LedgerStore;
  /** Where budget counts go; default a `MemoryBudgetStore`. */
  budgetStore?: BudgetStore;
  /** Budgets per principal and project, or a function deciding them per principal. Default none. */
  budgets?: BudgetsConfig | BudgetResolver;
  /** What BYOK requests are charged; default nothing (`{ fraction: 0 }`). */
  byokRule?: ByokRule;
  /** Output tokens assumed when a request sets no `max_tokens` (reservations, estimates). Default 4096. */
  defaultMaxOutputTokens?: number;
  /** Characters per token of the approximations. Default 4. */
  charactersPerToken?: number;
  /** The request header asking for an estimate instead of a call; `false` turns estimates off. Default `x-signalbox-estimate`. */
  estimateHeader?: string | false;
  /** Path of the generation lookup route; `false` for none. Default `/generation`. */
  generationPath?: string | false;
  /**
   * After the client disconnects, how long to wait for the response to wind down (its `onDone`)
   * before the ledger entry is written anyway, as cancelled. Default 1000 ms. (Aborts are checked
   * every eighth of it, 5 to 125 ms apart, so the entry may come up to two checks later.)
   */
  abortGraceMs?: number;
  /** Time for budget windows; default the gateway's clock. */
  clock?: Clock;
  /** Where ledger or budget store failures are reported; default `console`. */
  logger?: {
    /** A failure after the response (pricing it, settling a budget, writing the ledger); never thrown. */
    warn(message: string, details?: Record<string, unknown>): void;
  };
}

/** The options with defaults applied. */
export interface CostSettings {
  catalog: PriceCatalog;
  ledger: LedgerStore;
  budgetStore: BudgetStore;
  budgets: BudgetsConfig | BudgetResolver | undefined;
  byokRule: ByokRule | undefined;
  defaultMaxOutputTokens: number;
  charactersPerToken: number;
  estimateHeader: string | undefined;
  generationPath: string | undefined;
  abortGraceMs: number;
  clock: Clock | undefined;
  logger: {
    /** A failure after the response (pricing it, settling a budget, writing the ledger); never thrown. */
    warn(message: string, details?: Record<string, unknown>): void;
  };
}

const decimal = z.union([z.string(), z.number()]).refine((value) => {
  try {
    return toDecimal(value).gte(0);
  } catch {
    return false;
  }
}, 'must be a decimal number >= 0');

const limits = z.strictObject({
  total: decimal.optional(),
  daily: decimal.optional(),
  monthly: decimal.optional(),
});

const objectWith = (...methods: string[]) =>
  z.custom<object>(
    (value) =>
      typeof value === 'object' &&
      value !== null &&
      methods.every((method) => typeof (value as Record<string, unknown>)[method] === 'function'),
    `must have ${methods.join(', ')}`,
  );

const optionsSchema = z.strictObject({
  catalog: z.union([objectWith('lookup', 'entries'), z.looseObject({})]).optional(),
  ledger: objectWith('insert', 'get', 'list').optional(),
  budgetStore: objectWith('reserve', 'settle', 'read').optional(),
  budgets: z
    .union([
      z.function(),
      z.strictObject({
        keys: z.record(z.string(), limits).optional(),
        projects: z.record(z.string(), limits).optional(),
        defaultKey: limits.optional(),
        defaultProject: limits.optional(),
      }),
    ])
    .optional(),
  byokRule: z
    .union([z.function(), z.strictObject({ fraction: decimal.optional(), perRequest: decimal.optional() })])
    .optional(),
  defaultMaxOutputTokens: z.number().int().positive().optional(),
  charactersPerToken: z.number().positive().optional(),
  estimateHeader: z
    .union([z.literal(false), z.string().regex(/^[a-z0-9-]+$/i, 'must be a header name')])
    .optional(),
  generationPath: z.union([z.literal(false), z.string().startsWith('/')]).optional(),
  abortGraceMs: z.number().int().nonnegative().optional(),
  clock: objectWith('now').optional(),
  logger: objectWith('warn').optional(),
});

function isCatalog(value: PriceCatalog | PriceCatalogOptions): value is PriceCatalog {
  return typeof (value as PriceCatalog).lookup === 'function';
}

/**
 * Validates the options and applies the defaults, once, at construction: a mistake is a
 * `TypeError` naming the option (`cost: invalid option budgets.keys.k1.daily: ...`).
 */
export function parseCostOptions(options: CostOptions): CostSettings {
  const parsed = optionsSchema.safeParse(options);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new TypeError(`cost: invalid option ${issue?.path.join('.') || '(root)'}: ${issue?.message}`);
  }
  const catalog = options.catalog;
  return {
    catalog:
      catalog === undefined
        ? createPriceCatalog()
        : isCatalog(catalog)
          ? catalog
          : createPriceCatalog(catalog),
    ledger: options.ledger ?? new MemoryLedgerStore(),
    budgetStore: options.budgetStore ?? new MemoryBudgetStore(),
    budgets: options.budgets,
    byokRule: options.byokRule,
    defaultMaxOutputTokens: options.defaultMaxOutputTokens ?? 4096,
    charactersPerToken: options.charactersPerToken ?? 4,
    estimateHeader:
      options.estimateHeader === false
        ? undefined
        : (options.estimateHeader ?? 'x-signalbox-estimate').toLowerCase(),
    generationPath: options.generationPath === false ? undefined : (options.generationPath ?? '/generation'),
    abortGraceMs: options.abortGraceMs ?? 1000,
    clock: options.clock,
    logger: options.logger ?? {
      warn: (message, details) => console.warn(`[signalbox/cost] ${message}`, details ?? ''),
    },
  };
}
