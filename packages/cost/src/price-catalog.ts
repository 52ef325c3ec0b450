import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { BoundedMemo } from './bounded-memo.js';
import { DEFAULT_PRICES, DEFAULT_PRICES_AS_OF } from './default-prices.js';
import {
  type ModelPrice,
  type ModelPriceInput,
  modelPriceInputSchema,
  resolveModelPrice,
} from './model-price.js';

/** Which provider and provider model answered (the router's `resolved`). */
export interface ServedModel {
  provider: string;
  providerModelId: string;
}

/** Prices by `provider/model`, with lookups that forgive dates, dots and fault suffixes. */
export interface PriceCatalog {
  /** The date of the prices (the shipped list's, or the price file's `asOf`). */
  readonly asOf: string | undefined;
  /**
   * The price of a model: by the id as given, then by `provider/providerModelId` of the provider
   * that served it, each also without `:suffix` and normalised (`normalizeModelKey`), then the
   * provider's wildcard `provider/*`. Undefined when none is known (cost is then unknown, not 0).
   */
  lookup(model: string, served?: ServedModel): ModelPrice | undefined;
  /** Every priced id (aliases and wildcards included) with its price. */
  entries(): Array<[string, ModelPrice]>;
}

/** Where prices come from: the shipped list, a JSON file, code; later sources replace whole entries. */
export interface PriceCatalogOptions {
  /** Prices in code, by `provider/model` (`provider/*` prices every model of a provider). */
  prices?: Record<string, ModelPriceInput>;
  /** A JSON file `{"asOf": "2025-11-24", "prices": {"openai/gpt-4o": {...}}}`, read once at start-up. */
  file?: string;
  /** Include the shipped `DEFAULT_PRICES` (default true). */
  defaults?: boolean;
}

/** How many lookups outside the exact ids a catalog remembers. */
const LOOKUP_MEMO_SIZE = 1000;

const priceFileSchema = z.strictObject({
  asOf: z.string().optional(),
  prices: z.record(z.string(), z.unknown()),
});

/**
 * The key two spellings of one model share: lower case, without `:suffix`, a trailing date
 * (`-20251001`, `-2024-08-06`) or `-latest`, dots between digits as dashes
 * (`anthropic/claude-haiku-4.5-20251001` -> `anthropic/claude-haiku-4-5`).
 */
export function normalizeModelKey(id: string): string {
  let key = id.toLowerCase();
  const colon = key.indexOf(':', key.indexOf('/') + 1);
  if (colon >= 0) key = key.slice(0, colon);
  key = key.replace(/-(\d{8}|\d{4}-\d{2}-\d{2}|latest)$/, '');
  return key.replace(/(\d)\.(?=\d)/g, '$1-');
}

function withoutSuffix(id: string): string {
  const colon = id.indexOf(':', id.indexOf('/') + 1);
  return colon >= 0 ? id.slice(0, colon) : id;
}

function parseEntries(source: string, prices: Record<string, unknown>): Map<string, ModelPriceInput> {
  const parsed = new Map<string, ModelPriceInput>();
  for (const [model, value] of Object.entries(prices)) {
    if (!model.includes('/')) {
      throw new TypeError(`${source}: price key '${model}' must be 'provider/model' (or 'provider/*')`);
    }
    const result = modelPriceInputSchema.safeParse(value);
    if (!result.success) {
      const issue = result.error.issues[0];
      const field = issue?.path.join('.') || '(price)';
      throw new TypeError(`${source}: invalid price for '${model}' at ${field}: ${issue?.message}`);
    }
    parsed.set(model, result.data as ModelPriceInput);
  }
  return parsed;
}

/** Reads and validates a price file; throws a `TypeError` naming the file, model and field. */
export function loadPriceFile(path: string): { asOf?: string; prices: Map<string, ModelPriceInput> } {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new TypeError(`price file ${path}: ${error instanceof Error ? error.message : String(error)}`);
  }
  const file = priceFileSchema.safeParse(json);
  if (!file.success) {
    const issue = file.error.issues[0];
    throw new TypeError(`price file ${path}: ${issue?.path.join('.') || '(root)'}: ${issue?.message}`);
  }
  return {
    ...(file.data.asOf !== undefined && { asOf: file.data.asOf }),
    prices: parseEntries(`price file ${path}`, file.data.prices),
  };
}

/**
 * Builds a price catalog: the shipped prices, then a JSON file, then prices from code (each
 * replaces whole entries of the ones before). Validated here, once: a mistake is a `TypeError`
 * at start-up naming the model and the field.
 */
export function createPriceCatalog(options: PriceCatalogOptions = {}): PriceCatalog {
  const inputs = new Map<string, ModelPriceInput>();
  let asOf: string | undefined;
  if (options.defaults !== false) {
    for (const [model, price] of parseEntries('default prices', { ...DEFAULT_PRICES }))
      inputs.set(model, price);
    asOf = DEFAULT_PRICES_AS_OF;
  }
  if (options.file !== undefined) {
    const file = loadPriceFile(options.file);
    for (const [model, price] of file.prices) inputs.set(model, price);
    asOf = file.asOf ?? asOf;
  }
  if (options.prices !== undefined) {
    for (const [model, price] of parseEntries('createPriceCatalog', options.prices)) inputs.set(model, price);
  }

  const exact = new Map<string, ModelPrice>();
  for (const [model, input] of inputs) {
    const price = resolveModelPrice(input);
    exact.set(model, price);
    for (const alias of input.aliases ?? []) if (!inputs.has(alias)) exact.set(alias, price);
  }
  const normalized = new Map<string, ModelPrice>();
  for (const [model, price] of exact) {
    const key = normalizeModelKey(model);
    if (!normalized.has(key) || key === model) normalized.set(key, price);
  }

  function find(id: string): ModelPrice | undefined {
    return exact.get(id) ?? exact.get(withoutSuffix(id)) ?? normalized.get(normalizeModelKey(id));
  }

  function resolve(model: string, served: ServedModel | undefined): ModelPrice | undefined {
    const servedId = served ? `${served.provider}/${served.providerModelId}` : undefined;
    return (
      find(model) ??
      (servedId !== undefined ? find(servedId) : undefined) ??
      exact.get(`${served?.provider ?? model.slice(0, model.indexOf('/'))}/*`)
    );
  }

  // Lookups the exact ids do not answer (dated, dotted, suffixed, served by another name,
  // wildcards, unknown), remembered by model and served model: bounded, as model ids come from
  // clients.
  const remembered = new BoundedMemo<ModelPrice | undefined>(LOOKUP_MEMO_SIZE);

  return {
    asOf,
    lookup(model, served) {
      const price = exact.get(model);
      if (price !== undefined) return price;
      // Length-prefixed, so no two (model, served) pairs share a key.
      const key = served
        ? `${model.length}:${model}${served.provider.length}:${served.provider}${served.providerModelId}`
        : `-${model}`;
      const known = remembered.get(key);
      if (known !== undefined || remembered.has(key)) return known;
      const found = resolve(model, served);
      remembered.set(key, found);
      return found;
    },
    entries: () => [...exact],
  };
}
