import { z } from 'zod';
import { formatDecimal, toDecimal } from './decimal.js';

/**
 * The price of one model at one provider, resolved: USD per token as decimal strings (the
 * OpenRouter convention), per request and per input image as USD. A rate that is absent falls
 * back as `computeCost` documents (a cache read without its own rate costs the input rate...).
 */
export interface ModelPrice {
  /** Uncached input tokens. */
  input: string;
  /** Output tokens (reasoning included, unless `reasoning` prices it apart). */
  output: string;
  /** Input tokens read from the provider's prompt cache. */
  cacheRead?: string;
  /** Input tokens written to the prompt cache (Anthropic's 5-minute TTL, the default). */
  cacheWrite?: string;
  /** Input tokens written to the prompt cache with Anthropic's 1-hour TTL. */
  cacheWrite1h?: string;
  /** Reasoning tokens, where a provider prices them apart from other output. */
  reasoning?: string;
  /** A flat price per request. */
  request?: string;
  /** A flat price per input image. */
  image?: string;
}

/**
 * A price as written in code or a JSON file. Token rates are USD per token by default, or USD
 * per million tokens with `unit: 'million'` (`request` and `image` are always USD per unit).
 * Numbers are accepted and read through their shortest decimal form; strings are exact.
 * `aliases` are more ids that name the same price (`anthropic/claude-haiku-4-5-20251001`).
 */
export interface ModelPriceInput {
  unit?: 'token' | 'million';
  input: string | number;
  output: string | number;
  cacheRead?: string | number;
  cacheWrite?: string | number;
  cacheWrite1h?: string | number;
  reasoning?: string | number;
  request?: string | number;
  image?: string | number;
  aliases?: string[];
}

const TOKEN_RATES = ['input', 'output', 'cacheRead', 'cacheWrite', 'cacheWrite1h', 'reasoning'] as const;
const UNIT_PRICES = ['request', 'image'] as const;

const amount = z.union([z.string(), z.number()]).superRefine((value, context) => {
  try {
    if (toDecimal(value).lt(0)) context.addIssue({ code: 'custom', message: 'must not be negative' });
  } catch {
    context.addIssue({ code: 'custom', message: `not a decimal number: ${JSON.stringify(value)}` });
  }
});

/** The zod schema of a `ModelPriceInput` (unknown fields are mistakes: `cache_read` is refused). */
export const modelPriceInputSchema = z.strictObject({
  unit: z.enum(['token', 'million']).optional(),
  input: amount,
  output: amount,
  cacheRead: amount.optional(),
  cacheWrite: amount.optional(),
  cacheWrite1h: amount.optional(),
  reasoning: amount.optional(),
  request: amount.optional(),
  image: amount.optional(),
  aliases: z.array(z.string().min(1)).optional(),
});

/** A validated input as a resolved price: per-token decimal strings. */
export function resolveModelPrice(input: ModelPriceInput): ModelPrice {
  const scale = input.unit === 'million' ? 1_000_000 : 1;
  const price: Partial<Record<keyof ModelPrice, string>> = {};
  for (const key of TOKEN_RATES) {
    const value = input[key];
    if (value !== undefined) price[key] = formatDecimal(toDecimal(value).div(scale));
  }
  for (const key of UNIT_PRICES) {
    const value = input[key];
    if (value !== undefined) price[key] = formatDecimal(toDecimal(value));
  }
  return price as ModelPrice;
}
