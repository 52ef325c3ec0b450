import { z } from 'zod';

const numericString = /^\d+(\.\d+)?([eE][-+]?\d+)?$/;

/** A price limit: a number or a numeric string (`"1.5"`), as OpenRouter accepts them. */
const priceLimitSchema = z
  .union([z.number().nonnegative(), z.string().regex(numericString)], {
    error: 'expected a non-negative number or numeric string',
  })
  .transform(Number);

const sortKeySchema = z.enum(['price', 'latency', 'throughput']);

/**
 * OpenRouter's `provider` object. Fields Signalbox has no use for (`data_collection`, `zdr`,
 * `quantizations`...) are accepted and ignored.
 */
export const openRouterProviderSchema = z.looseObject({
  order: z.array(z.string()).nullish(),
  only: z.array(z.string()).nullish(),
  ignore: z.array(z.string()).nullish(),
  allow_fallbacks: z.boolean().nullish(),
  sort: z
    .union(
      [sortKeySchema, z.looseObject({ by: sortKeySchema, partition: z.enum(['model', 'none']).nullish() })],
      {
        error: 'expected "price", "latency", "throughput" or { by, partition: "model" | "none" }',
      },
    )
    .nullish(),
  require_parameters: z.boolean().nullish(),
  max_price: z
    .looseObject({
      prompt: priceLimitSchema.nullish(),
      completion: priceLimitSchema.nullish(),
      request: priceLimitSchema.nullish(),
    })
    .nullish(),
});

/**
 * The OpenRouter-style routing fields of a request body: `models` (fallback models),
 * `provider` (provider preferences) and, on the Anthropic endpoint, `fallbacks: [{model}]`.
 */
export const openRouterFieldsSchema = z.looseObject({
  models: z.array(z.string().min(1)).nullish(),
  provider: openRouterProviderSchema.nullish(),
  fallbacks: z.array(z.looseObject({ model: z.string().min(1) })).nullish(),
});

/** The parsed OpenRouter-style fields. */
export type OpenRouterFields = z.output<typeof openRouterFieldsSchema>;
