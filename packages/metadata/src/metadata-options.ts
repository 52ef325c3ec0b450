import { z } from 'zod';

/** Options of {@link metadata}. Every field is optional; the defaults turn everything on. */
export interface MetadataOptions {
  /**
   * Vercel AI Gateway's shape: `provider_metadata.gateway` (routing, attempts, cost strings,
   * generation id) and `usage.market_cost`. Default true.
   */
  vercel?: boolean;
  /**
   * OpenRouter's shape: top-level `provider`, `model` = the model used,
   * `choices[0].native_finish_reason`, `usage.is_byok` and `usage.cost_details`. Default true.
   */
  openrouter?: boolean;
  /**
   * Prefix of the response headers (`<prefix>provider`, `<prefix>model`, `<prefix>attempts`,
   * `<prefix>cache-status`) and of the per-request header `<prefix>metadata`. Lower-case
   * letters, digits and `-`. Default `x-signalbox-`.
   */
  headerPrefix?: string;
  /** Whether the `<prefix>metadata: none|vercel|openrouter|all` request header is honoured. Default true. */
  allowRequestOverride?: boolean;
}

/** {@link MetadataOptions} with every default applied. */
export type ResolvedMetadataOptions = Required<MetadataOptions>;

const optionsSchema = z.strictObject({
  vercel: z.boolean().optional(),
  openrouter: z.boolean().optional(),
  headerPrefix: z
    .string()
    .regex(/^[a-z0-9][a-z0-9-]*$/, 'headerPrefix must be lower-case letters, digits and "-"')
    .optional(),
  allowRequestOverride: z.boolean().optional(),
});

/**
 * Validates the options once, at construction, and applies the defaults. A mistake (an unknown
 * key, a wrong type) is a TypeError naming the option.
 */
export function parseMetadataOptions(options: MetadataOptions = {}): ResolvedMetadataOptions {
  const parsed = optionsSchema.safeParse(options);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const path =
      issue?.path.join('.') || (issue?.code === 'unrecognized_keys' ? issue.keys.join(', ') : '(root)');
    throw new TypeError(`metadata: invalid option ${path}: ${issue?.message}`);
  }
  return {
    vercel: parsed.data.vercel ?? true,
    openrouter: parsed.data.openrouter ?? true,
    headerPrefix: parsed.data.headerPrefix ?? 'x-signalbox-',
    allowRequestOverride: parsed.data.allowRequestOverride ?? true,
  };
}
