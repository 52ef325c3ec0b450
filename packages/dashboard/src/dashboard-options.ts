import type { LogStore } from '@signalbox/observability';
import { z } from 'zod';

/** Options of `dashboard()`. */
export interface DashboardOptions {
  /** Where the request log is (`requestLog().store`, a `PostgresLogStore`...). */
  logStore: LogStore;
  /** The admin key (`SIGNALBOX_ADMIN_KEY`), at least 16 characters. */
  adminKey: string;
  /** Where the dashboard is mounted; default `/dashboard`. */
  basePath?: string;
  /** Page title; default `Signalbox`. */
  title?: string;
  /** How long a sign-in lasts; default 12 hours. */
  sessionTtlMs?: number;
  /** The cookie's `Secure` flag: `'auto'` (default) sets it for HTTPS requests (or `X-Forwarded-Proto: https`). */
  secureCookie?: boolean | 'auto';
  /** Failed sign-ins allowed per address and window; default 10 per 10 minutes. */
  signInThrottle?: { maxFailures?: number; windowMs?: number };
  /** Time source (session expiry, default usage range); default `Date.now`. */
  now?: () => number;
}

/** The options with defaults applied. */
export interface DashboardSettings {
  logStore: LogStore;
  basePath: string;
  title: string;
  sessionTtlMs: number;
  secureCookie: boolean | 'auto';
  signInThrottle: { maxFailures?: number; windowMs?: number };
  now: () => number;
}

const schema = z.object({
  logStore: z.looseObject({ list: z.function(), get: z.function(), usage: z.function() }),
  adminKey: z.string().min(16, 'must be at least 16 characters'),
  basePath: z
    .string()
    .regex(/^(\/[A-Za-z0-9._~-]+)+$/, "must be a path like '/dashboard' (no trailing slash)")
    .optional(),
  title: z.string().min(1).max(100).optional(),
  sessionTtlMs: z
    .number()
    .int()
    .min(60_000)
    .max(30 * 86_400_000)
    .optional(),
  secureCookie: z.union([z.boolean(), z.literal('auto')]).optional(),
  signInThrottle: z
    .object({
      maxFailures: z.number().int().positive().optional(),
      windowMs: z.number().int().positive().optional(),
    })
    .optional(),
  now: z.function().optional(),
});

/** Validates the options once, at start-up: a mistake is a `TypeError` naming the option. */
export function parseDashboardOptions(options: DashboardOptions): DashboardSettings {
  const parsed = schema.safeParse(options);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new TypeError(`dashboard: invalid option ${issue?.path.join('.') || '(root)'}: ${issue?.message}`);
  }
  return {
    logStore: options.logStore,
    basePath: options.basePath ?? '/dashboard',
    title: options.title ?? 'Signalbox',
    sessionTtlMs: options.sessionTtlMs ?? 12 * 3_600_000,
    secureCookie: options.secureCookie ?? 'auto',
    signInThrottle: options.signInThrottle ?? {},
    now: options.now ?? Date.now,
  };
}
