import {
  type CatalogDefinition,
  type CatalogModelDefinition,
  modelEntrySchema,
  type Pricing,
} from './catalog-schema.js';
import { formatIssueMessage, formatPath } from './format-issue.js';

/** Prices as numbers, USD per token (`prompt`, `completion`) and per request. */
export interface Prices {
  prompt?: number;
  completion?: number;
  request?: number;
}

/** One provider's offer of a catalog model. */
export interface CatalogOffer {
  provider: string;
  /** The provider's own model id. */
  model: string;
  /** As written (this offer's, else the model's), for listings. */
  pricing?: Pricing;
  /** Numeric prices, field by field from the offer, else from the model. */
  prices: Prices;
  contextLength?: number;
  supportedParameters?: string[];
}

/** A validated catalog model. */
export interface CatalogModel {
  id: string;
  name: string;
  canonicalSlug: string;
  aliases: string[];
  description?: string;
  contextLength?: number;
  created?: number;
  ownedBy: string;
  pricing?: Pricing;
  /** In order of preference. */
  offers: CatalogOffer[];
}

/** Models by id, alias and canonical slug. Immutable once built. */
export interface Catalog {
  readonly models: readonly CatalogModel[];
  /** The model an id, alias or canonical slug names. */
  find(id: string): CatalogModel | undefined;
  /** Every provider name the catalog refers to. */
  readonly providerNames: ReadonlySet<string>;
}

function toNumber(value: unknown): number | undefined {
  if (typeof value === 'number') return value;
  if (typeof value === 'string' && value.trim() !== '') return Number(value);
  return undefined;
}

function pricesOf(own: Pricing | undefined, fallback: Pricing | undefined): Prices {
  const prices: Prices = {};
  for (const key of ['prompt', 'completion', 'request'] as const) {
    const value = toNumber(own?.[key] ?? fallback?.[key]);
    if (value !== undefined) prices[key] = value;
  }
  return prices;
}

function entriesOf(definition: CatalogDefinition | CatalogModelDefinition[]): unknown[] {
  if (Array.isArray(definition)) return definition;
  if (typeof definition !== 'object' || definition === null || !('models' in definition)) {
    throw new TypeError('router catalog: expected { models: [...] } or a list of models');
  }
  const models: unknown = definition.models;
  if (Array.isArray(models)) return models;
  if (typeof models === 'object' && models !== null) {
    return Object.entries(models).map(([id, entry]) =>
      typeof entry === 'object' && entry !== null ? { id, ...entry } : entry,
    );
  }
  throw new TypeError('router catalog: models must be a list or an object keyed by model id');
}

function describeEntry(entry: unknown, index: number): string {
  const id = typeof entry === 'object' && entry !== null ? (entry as { id?: unknown }).id : undefined;
  return typeof id === 'string' ? `models[${index}] ('${id}')` : `models[${index}]`;
}

/**
 * Validates a catalog and indexes it by id, alias and canonical slug. A mistake is a TypeError
 * naming the entry and field (`router catalog: models[1] ('acme/chat').providers[0].model: ...`);
 * two models claiming the same id or alias is one too.
 */
export function createCatalog(definition: CatalogDefinition | CatalogModelDefinition[]): Catalog {
  const models: CatalogModel[] = [];
  const byName = new Map<string, CatalogModel>();
  const providerNames = new Set<string>();
  entriesOf(definition).forEach((entry, index) => {
    const parsed = modelEntrySchema.safeParse(entry);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const field = issue ? formatPath(issue.path) : '';
      throw new TypeError(
        `router catalog: ${describeEntry(entry, index)}${field ? `.${field}` : ''}: ${formatIssueMessage(issue?.message ?? 'invalid')}`,
      );
    }
    const value = parsed.data;
    const model: CatalogModel = {
      id: value.id,
      name: value.name ?? value.id,
      canonicalSlug: value.canonicalSlug ?? value.canonical_slug ?? value.id,
      aliases: value.aliases ?? [],
      ownedBy: value.ownedBy ?? value.id.split('/')[0] ?? 'signalbox',
      offers: value.providers.map((offer) => {
        const pricing = offer.pricing ?? value.pricing;
        return {
          provider: offer.provider,
          model: offer.model,
          prices: pricesOf(offer.pricing, value.pricing),
          ...(pricing !== undefined && { pricing }),
          ...(offer.contextLength !== undefined && { contextLength: offer.contextLength }),
          ...(offer.supportedParameters !== undefined && { supportedParameters: offer.supportedParameters }),
        };
      }),
    };
    const contextLength = value.contextLength ?? value.context_length;
    if (contextLength !== undefined) model.contextLength = contextLength;
    if (value.description !== undefined) model.description = value.description;
    if (value.created !== undefined) model.created = value.created;
    if (value.pricing !== undefined) model.pricing = value.pricing;
    for (const name of new Set([model.id, model.canonicalSlug, ...model.aliases])) {
      const taken = byName.get(name);
      if (taken) {
        throw new TypeError(
          `router catalog: ${describeEntry(entry, index)} claims '${name}', already used by model '${taken.id}'`,
        );
      }
      byName.set(name, model);
    }
    for (const offer of model.offers) providerNames.add(offer.provider);
    models.push(model);
  });
  return {
    models,
    providerNames,
    find: (id) => byName.get(id),
  };
}

/**
 * The catalog's provider names missing from a gateway, with the models that name them; empty when
 * every provider exists. The router calls it on first use; call it at start-up to fail earlier.
 */
export function missingProviders(catalog: Catalog, available: Iterable<string>): string[] {
  const have = new Set(available);
  const problems: string[] = [];
  for (const name of catalog.providerNames) {
    if (have.has(name)) continue;
    const users = catalog.models.filter((model) => model.offers.some((offer) => offer.provider === name));
    problems.push(`'${name}' (named by ${users.map((model) => `'${model.id}'`).join(', ')})`);
  }
  return problems;
}
