import { GatewayError } from '@signalbox/core';
import { z } from 'zod';

const slug = z
  .string()
  .regex(/^[a-z0-9][a-z0-9._-]{0,62}$/, 'expected lower-case letters, digits, ".", "_" or "-" (max 63)');

const time = z
  .union([z.iso.datetime({ offset: true }), z.iso.date()], {
    error: 'expected an ISO 8601 date or date-time (2026-12-31 or 2026-12-31T23:59:59Z)',
  })
  .transform((value) => new Date(value));

const limitsSchema = z.strictObject({
  requestsPerMinute: z.number().int().positive().optional(),
  tokensPerMinute: z.number().int().positive().optional(),
});

const modelsSchema = z.array(z.string().min(1).max(200)).max(1000);

const providerKeysSchema = z.record(
  z.string().regex(/^[a-z0-9][a-z0-9._-]*$/i, 'provider names are letters, digits, ".", "_" or "-"'),
  z.string().min(1).max(1000),
);

/** Body of `POST <admin>/keys` (and `signalbox keys create`). */
export const createKeyInputSchema = z.strictObject({
  name: z.string().min(1).max(200).optional(),
  projectId: slug.optional(),
  expiresAt: time.optional(),
  allowedModels: modelsSchema.optional(),
  limits: limitsSchema.optional(),
  /** Provider keys in clear; sealed before they are stored, never shown again. */
  providerKeys: providerKeysSchema.optional(),
});

/** Body of `PATCH <admin>/keys/:id`; `null` clears a field. */
export const updateKeyInputSchema = z.strictObject({
  name: z.string().min(1).max(200).nullable().optional(),
  expiresAt: time.nullable().optional(),
  disabled: z.boolean().optional(),
  allowedModels: modelsSchema.nullable().optional(),
  limits: limitsSchema.nullable().optional(),
  providerKeys: providerKeysSchema.nullable().optional(),
});

/** Body of `POST <admin>/projects`. */
export const createProjectInputSchema = z.strictObject({
  id: slug,
  name: z.string().min(1).max(200).optional(),
  limits: limitsSchema.optional(),
});

/** Body of `PATCH <admin>/projects/:id`. */
export const updateProjectInputSchema = z.strictObject({
  name: z.string().min(1).max(200).optional(),
  limits: limitsSchema.nullable().optional(),
});

/** What a new key may be created with (times as ISO strings or dates). */
export type CreateKeyInput = z.input<typeof createKeyInputSchema>;
/** What a key update may change. */
export type UpdateKeyInput = z.input<typeof updateKeyInputSchema>;
/** What a new project is created with. */
export type CreateProjectInput = z.input<typeof createProjectInputSchema>;
/** What a project update may change. */
export type UpdateProjectInput = z.input<typeof updateProjectInputSchema>;

/** Parses an admin input; a mistake is a 400 naming the field (never echoing a provider key). */
export function parseInput<Schema extends z.ZodType>(schema: Schema, input: unknown): z.output<Schema> {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const path = issue?.path.map(String).join('.');
  const unknownKeys = issue?.code === 'unrecognized_keys' ? `: ${issue.keys.join(', ')}` : '';
  throw new GatewayError(`Invalid ${path || 'body'}: ${issue?.message ?? 'invalid'}${unknownKeys}`, {
    status: 400,
    code: 'invalid_request',
    ...(path && { param: path }),
  });
}
