import { GatewayError } from '@signalbox/core';
import { z } from 'zod';

/**
 * `providerOptions.bedrock` of a request: Converse fields the canonical model has no slot for,
 * merged into the body as given (`additionalModelRequestFields` and `requestMetadata` merged over
 * what the adapter built). Unknown keys are an error, so a typo is not silently ignored.
 */
export const bedrockRequestOptionsSchema = z.strictObject({
  additionalModelRequestFields: z.record(z.string(), z.unknown()).optional(),
  additionalModelResponseFieldPaths: z.array(z.string()).optional(),
  guardrailConfig: z.record(z.string(), z.unknown()).optional(),
  performanceConfig: z.record(z.string(), z.unknown()).optional(),
  requestMetadata: z.record(z.string(), z.string()).optional(),
  promptVariables: z.record(z.string(), z.unknown()).optional(),
  serviceTier: z.record(z.string(), z.unknown()).optional(),
});

/** A parsed `providerOptions.bedrock`. */
export type BedrockRequestOptions = z.infer<typeof bedrockRequestOptionsSchema>;

/** Reads `providerOptions.bedrock`; a bad one is a 400 naming the field. */
export function parseBedrockRequestOptions(value: unknown): BedrockRequestOptions | undefined {
  if (value === undefined) return undefined;
  const parsed = bedrockRequestOptionsSchema.safeParse(value);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const keys = issue?.code === 'unrecognized_keys' ? `.${issue.keys.join(', ')}` : '';
  const path = ['providerOptions', 'bedrock', ...(issue?.path.map(String) ?? [])].join('.') + keys;
  throw new GatewayError(
    `Invalid ${path}: ${issue?.code === 'unrecognized_keys' ? 'unknown option' : (issue?.message ?? 'invalid')}`,
    { status: 400, param: path, code: 'invalid_provider_options' },
  );
}
