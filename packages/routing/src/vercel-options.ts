import { z } from 'zod';

const timeoutsSchema = z.record(z.string(), z.number().int().positive());

/**
 * Vercel AI Gateway's `providerOptions.gateway`. Unknown keys are ignored, as Vercel does;
 * known keys with the wrong type are a 400.
 */
export const vercelGatewaySchema = z.looseObject({
  order: z.array(z.string()).nullish(),
  only: z.array(z.string()).nullish(),
  models: z.array(z.string().min(1)).nullish(),
  sort: z.enum(['cost', 'ttft', 'tps']).nullish(),
  /** Milliseconds to the first token, per provider, for BYOK (`byok`) or system (`system`) credentials. */
  providerTimeouts: z
    .looseObject({ byok: timeoutsSchema.nullish(), system: timeoutsSchema.nullish() })
    .nullish(),
});

/** The parsed `providerOptions.gateway`. */
export type VercelGatewayOptions = z.output<typeof vercelGatewaySchema>;
