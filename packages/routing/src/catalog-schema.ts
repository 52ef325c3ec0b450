import { z } from 'zod';

/** A price: a number or a numeric string (`"0.000003"`), as OpenRouter's `/models` lists them. */
const priceSchema = z.union([
  z.number().nonnegative(),
  z.string().regex(/^\d+(\.\d+)?([eE][-+]?\d+)?$/, 'expected a non-negative number or numeric string'),
]);

/**
 * Prices in USD per token (`prompt`, `completion`) and per request (`request`), the units of
 * OpenRouter's `/models`. Other keys (`image`, `input_cache_read`...) are kept and listed as given.
 */
const pricingSchema = z.looseObject({
  prompt: priceSchema.optional(),
  completion: priceSchema.optional(),
  request: priceSchema.optional(),
});

/** `"openai/gpt-4o-mini"` is short for `{ provider: 'openai', model: 'gpt-4o-mini' }`. */
function expandShorthand(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  const slash = value.indexOf('/');
  return slash > 0 && slash < value.length - 1
    ? { provider: value.slice(0, slash), model: value.slice(slash + 1) }
    : value;
}

const providerSchema = z.preprocess(
  expandShorthand,
  z.strictObject(
    {
      provider: z.string().min(1),
      model: z.string().min(1),
      pricing: pricingSchema.optional(),
      contextLength: z.number().int().positive().optional(),
      supportedParameters: z.array(z.string()).optional(),
    },
    { error: 'expected "provider/model" or { provider, model }' },
  ),
);

/** One catalog model, validated (after `models: {id: entry}` objects became a list). */
export const modelEntrySchema = z.strictObject({
  id: z.string().min(1),
  name: z.string().optional(),
  canonicalSlug: z.string().min(1).optional(),
  canonical_slug: z.string().min(1).optional(),
  aliases: z.array(z.string().min(1)).optional(),
  description: z.string().optional(),
  contextLength: z.number().int().positive().optional(),
  context_length: z.number().int().positive().optional(),
  created: z.number().int().nonnegative().optional(),
  ownedBy: z.string().optional(),
  pricing: pricingSchema.optional(),
  providers: z.array(providerSchema).min(1, 'list at least one provider'),
});

/** Prices of one model or of one provider's offer of it: USD per token, and per request. */
export interface Pricing {
  prompt?: number | string;
  completion?: number | string;
  request?: number | string;
  [key: string]: unknown;
}

/** One provider serving a catalog model: `"provider/model"`, or the object form. */
export type CatalogProviderDefinition =
  | string
  | {
      /** The gateway's provider name (`openai`, `anthropic`, `mock`). */
      provider: string;
      /** The provider's own model id. */
      model: string;
      /** This provider's prices, when they differ from the model's. */
      pricing?: Pricing;
      contextLength?: number;
      /** OpenRouter-style parameter names it supports (`tools`, `response_format`...), for `require_parameters`. */
      supportedParameters?: string[];
    };

/** One catalog model as written. `context_length` and `canonical_slug` are accepted spellings too. */
export interface CatalogModelDefinition {
  /** The id clients send (`anthropic/claude-haiku-4.5`). */
  id: string;
  /** Display name for the models list. */
  name?: string;
  /** The stable id reported in routing metadata; default `id`. */
  canonicalSlug?: string;
  canonical_slug?: string;
  /** Other ids that resolve to this model (`haiku`). */
  aliases?: string[];
  description?: string;
  contextLength?: number;
  context_length?: number;
  /** Unix seconds, for the models list. */
  created?: number;
  ownedBy?: string;
  /** Listed in `GET /models`; used by `max_price` and price sorting when a provider has none of its own. */
  pricing?: Pricing;
  /** In order of preference. */
  providers: CatalogProviderDefinition[];
}

/** The catalog as written: a list of models, or an object keyed by model id. */
export interface CatalogDefinition {
  models: CatalogModelDefinition[] | Record<string, Omit<CatalogModelDefinition, 'id'> & { id?: string }>;
}
