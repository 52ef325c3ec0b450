import { z } from 'zod';
import type { HttpClient } from './http-client.js';

function isHttpClient(value: unknown): value is HttpClient {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { close?: unknown }).close === 'function' &&
    typeof (value as { dispatcher?: unknown }).dispatcher === 'object'
  );
}

const milliseconds = z.number().int().positive();

/** Schema pieces the adapters' option schemas share. */
export const providerOptionSchemas = {
  /** A provider name: no slash (it prefixes model ids, `openai/gpt-4o`). */
  name: z.string().regex(/^[a-z0-9][a-z0-9._-]*$/i, 'must be letters, digits, ".", "_" or "-" (no slash)'),
  apiKey: z.string().min(1),
  baseURL: z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }),
  headers: z.record(z.string(), z.string()),
  timeouts: z.strictObject({
    connect: milliseconds.optional(),
    headers: milliseconds.optional(),
    body: milliseconds.optional(),
  }),
  listModels: z.union([z.boolean(), z.array(z.string().min(1))]),
  httpClient: z.custom<HttpClient>(isHttpClient, 'must be a client from createHttpClient()'),
};

/**
 * Validates the options of a factory (`createOpenAI`...) at construction and throws a
 * `TypeError` naming the first bad option: `createOpenAI: option 'baseURL' must be an http(s) URL`,
 * or `createOpenAI: unknown option 'baseUrl'` with a strict schema.
 */
export function parseOptions<T>(schema: z.ZodType<T>, options: unknown, factory: string): T {
  const result = schema.safeParse(options ?? {});
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const path = issue?.path.map(String).join('.') ?? '';
  if (issue?.code === 'unrecognized_keys') {
    const keys = issue.keys.map((key) => `'${path === '' ? key : `${path}.${key}`}'`).join(', ');
    throw new TypeError(`${factory}: unknown option ${keys}`);
  }
  throw new TypeError(`${factory}: option '${path}' ${issue?.message ?? 'is invalid'}`);
}
