import { GatewayError } from '@signalbox/core';
import { z } from 'zod';
import { decodeCursor } from './log-filter.js';
import type { LogQuery, UsageQuery } from './log-store.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** The most buckets one usage query may span. */
export const MAX_USAGE_BUCKETS = 2_000;

const isoTime = z
  .string()
  .refine((value) => !Number.isNaN(Date.parse(value)), 'must be an ISO date-time')
  .transform((value) => new Date(value).toISOString());

const logQuerySchema = z.object({
  model: z.string().min(1).max(200).optional(),
  key: z.string().min(1).max(200).optional(),
  project: z.string().min(1).max(200).optional(),
  provider: z.string().min(1).max(200).optional(),
  status: z
    .string()
    .regex(
      /^(success|error|[1-5]xx|[1-5]\d\d)$/i,
      "must be 'success', 'error', '4xx', '5xx' or a status code",
    )
    .transform((value) => value.toLowerCase())
    .optional(),
  cache: z
    .string()
    .transform((value) => (value.toLowerCase() === 'none' ? 'none' : value.toUpperCase()))
    .pipe(z.enum(['HIT', 'MISS', 'BYPASS', 'none']))
    .optional(),
  from: isoTime.optional(),
  to: isoTime.optional(),
  limit: z.coerce.number().int().min(1).max(500).optional(),
  cursor: z
    .string()
    .max(500)
    .refine((value) => decodeCursor(value) !== undefined, 'is not a cursor from a previous page')
    .optional(),
});

const usageQuerySchema = z.object({
  from: isoTime.optional(),
  to: isoTime.optional(),
  bucket: z.enum(['hour', 'day']).optional(),
  groupBy: z.enum(['model', 'provider', 'project', 'key', 'none']).optional(),
});

function invalid(error: z.ZodError): GatewayError {
  const issue = error.issues[0];
  const param = issue?.path.join('.') ?? '';
  return new GatewayError(`Invalid query parameter '${param}': ${issue?.message}`, {
    status: 400,
    code: 'invalid_query',
    param,
  });
}

function record(params: URLSearchParams): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [name, value] of params) if (value !== '') values[name] = value;
  return values;
}

/** Reads a log list query (`?model&key&status&cache&from&to&limit&cursor`); a bad value is a 400. */
export function parseLogQuery(params: URLSearchParams): LogQuery {
  const parsed = logQuerySchema.safeParse(record(params));
  if (!parsed.success) throw invalid(parsed.error);
  const query: LogQuery = {};
  for (const [name, value] of Object.entries(parsed.data)) {
    if (value !== undefined) Object.assign(query, { [name]: value });
  }
  return query;
}

/**
 * Reads a usage query (`?from&to&bucket&groupBy`): `to` defaults to now, `from` to 24 hours
 * before it, `bucket` to `hour` for ranges up to 3 days and `day` beyond, `groupBy` to `model`.
 * A bad value, or a range of more than 2,000 buckets, is a 400.
 */
export function parseUsageQuery(params: URLSearchParams, now: number = Date.now()): UsageQuery {
  const parsed = usageQuerySchema.safeParse(record(params));
  if (!parsed.success) throw invalid(parsed.error);
  const to = parsed.data.to ?? new Date(now).toISOString();
  const from = parsed.data.from ?? new Date(Date.parse(to) - DAY).toISOString();
  const span = Date.parse(to) - Date.parse(from);
  if (span <= 0) {
    throw new GatewayError("Invalid query parameter 'from': must be before 'to'", {
      status: 400,
      code: 'invalid_query',
      param: 'from',
    });
  }
  const bucket = parsed.data.bucket ?? (span <= 3 * DAY ? 'hour' : 'day');
  if (span / (bucket === 'hour' ? HOUR : DAY) > MAX_USAGE_BUCKETS) {
    throw new GatewayError(
      `Invalid query parameter 'bucket': the range spans more than ${MAX_USAGE_BUCKETS} ${bucket}s`,
      { status: 400, code: 'invalid_query', param: 'bucket' },
    );
  }
  return { from, to, bucket, groupBy: parsed.data.groupBy ?? 'model' };
}
