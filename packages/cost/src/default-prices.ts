import type { ModelPriceInput } from './model-price.js';

/**
 * The date the shipped prices were taken from the providers' public price lists
 * (https://openai.com/api/pricing, https://docs.anthropic.com/en/docs/about-claude/pricing,
 * https://ai.google.dev/gemini-api/docs/pricing; Gemini prices taken 2025-11-26).
 * Prices change: override them (`createPriceCatalog({ prices })` or a JSON file) rather than
 * trusting a package release for your bill.
 */
export const DEFAULT_PRICES_AS_OF = '2025-11-24';

type MillionRates = Omit<ModelPriceInput, 'unit'>;

const million = (rates: MillionRates): ModelPriceInput => ({ unit: 'million', ...rates });

/** OpenAI: input, cached input, output; no charge for cache writes. */
const openai = (input: string, cacheRead: string, output: string): ModelPriceInput =>
  million({ input, cacheRead, output });

/** Anthropic: base input, 5-minute cache write (1.25x), 1-hour cache write (2x), cache read (0.1x), output. */
const anthropic = (
  input: string,
  cacheWrite: string,
  cacheWrite1h: string,
  cacheRead: string,
  output: string,
  aliases?: string[],
): ModelPriceInput =>
  million({ input, cacheWrite, cacheWrite1h, cacheRead, output, ...(aliases && { aliases }) });

/**
 * Prices shipped with the package, keyed by `provider/model`, USD per million tokens. Dated
 * model ids (`claude-haiku-4-5-20251001`, `gpt-4o-2024-08-06`), dotted versions
 * (`claude-haiku-4.5`) and `-latest` find these entries through the catalog's normalisation.
 * The mock provider's models are priced too (`mock/echo`: $1 in, $2 out per million) so that
 * tests and the offline example gateway show real, exact costs.
 */
export const DEFAULT_PRICES: Readonly<Record<string, ModelPriceInput>> = {
  'openai/gpt-5.1': openai('1.25', '0.125', '10'),
  'openai/gpt-5': openai('1.25', '0.125', '10'),
  'openai/gpt-5-mini': openai('0.25', '0.025', '2'),
  'openai/gpt-5-nano': openai('0.05', '0.005', '0.40'),
  'openai/gpt-4.1': openai('2', '0.50', '8'),
  'openai/gpt-4.1-mini': openai('0.40', '0.10', '1.60'),
  'openai/gpt-4.1-nano': openai('0.10', '0.025', '0.40'),
  'openai/gpt-4o': openai('2.50', '1.25', '10'),
  'openai/gpt-4o-mini': openai('0.15', '0.075', '0.60'),
  'openai/o3': openai('2', '0.50', '8'),
  'openai/o3-mini': openai('1.10', '0.55', '4.40'),
  'openai/o4-mini': openai('1.10', '0.275', '4.40'),

  'anthropic/claude-opus-4-5': anthropic('5', '6.25', '10', '0.50', '25'),
  'anthropic/claude-opus-4-1': anthropic('15', '18.75', '30', '1.50', '75'),
  'anthropic/claude-opus-4': anthropic('15', '18.75', '30', '1.50', '75', ['anthropic/claude-opus-4-0']),
  'anthropic/claude-sonnet-4-5': anthropic('3', '3.75', '6', '0.30', '15'),
  'anthropic/claude-sonnet-4': anthropic('3', '3.75', '6', '0.30', '15', ['anthropic/claude-sonnet-4-0']),
  'anthropic/claude-haiku-4-5': anthropic('1', '1.25', '2', '0.10', '5'),
  'anthropic/claude-3-5-haiku': anthropic('0.80', '1', '1.6', '0.08', '4'),

  // Google Gemini (Gemini API and Vertex AI list the same prices), prompts up to 200k tokens;
  // output includes thinking tokens. Longer prompts are priced higher: override for those.
  'google/gemini-3-pro-preview': million({ input: '2', cacheRead: '0.20', output: '12' }),
  'google/gemini-2.5-pro': million({ input: '1.25', cacheRead: '0.125', output: '10' }),
  'google/gemini-2.5-flash': million({ input: '0.30', cacheRead: '0.03', output: '2.50' }),
  'google/gemini-2.5-flash-lite': million({ input: '0.10', cacheRead: '0.01', output: '0.40' }),
  'google/gemini-2.0-flash': million({ input: '0.10', cacheRead: '0.025', output: '0.40' }),
  'vertex/gemini-2.5-pro': million({ input: '1.25', cacheRead: '0.125', output: '10' }),
  'vertex/gemini-2.5-flash': million({ input: '0.30', cacheRead: '0.03', output: '2.50' }),
  // Azure OpenAI, Global Standard deployments (the OpenAI list price; Data Zone/Regional ~10% more).
  'azure/gpt-4.1': openai('2', '0.50', '8'),
  'azure/gpt-4.1-mini': openai('0.40', '0.10', '1.60'),
  'azure/gpt-4o': openai('2.50', '1.25', '10'),
  'azure/gpt-4o-mini': openai('0.15', '0.075', '0.60'),
  'azure/o4-mini': openai('1.10', '0.275', '4.40'),
  'mock/echo': million({ input: '1', output: '2' }),
  'mock/*': million({ input: '1', output: '2' }),
};
