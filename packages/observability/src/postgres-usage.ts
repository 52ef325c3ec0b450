import { compareGroups } from './aggregate-records.js';
import { normalizeDecimal } from './decimal-sum.js';
import type { UsageMetrics, UsageQuery, UsageReport, UsageRow } from './log-store.js';
import { roundMilliseconds } from './percentile.js';

const WIDTH_SECONDS = { hour: 3_600, day: 86_400 } as const;

const GROUP_COLUMNS: Record<UsageQuery['groupBy'], { group: string; label: string }> = {
  model: { group: 'model', label: 'model' },
  provider: { group: 'provider', label: 'provider' },
  project: { group: 'project_id', label: 'project_id' },
  key: { group: 'principal_id', label: 'COALESCE(key_prefix, principal_id)' },
  none: { group: `'all'::text COLLATE "C"`, label: `'all'::text COLLATE "C"` },
};

/** A row of the usage query, as node-postgres returns it (bigint and numeric as strings). */
export interface UsageSqlRow {
  grouping_bucket: number;
  grouping_group: number;
  bucket: Date | string | null;
  grp: string | null;
  label: string | null;
  requests: string | number;
  errors: string | number;
  cache_hits: string | number;
  spend: string;
  input_tokens: string | number;
  output_tokens: string | number;
  cache_read_tokens: string | number;
  cache_write_tokens: string | number;
  reasoning_tokens: string | number;
  ttft_p50: number | null;
  ttft_p95: number | null;
  latency_p50: number | null;
  latency_p95: number | null;
}

/**
 * The usage query: one scan with `GROUPING SETS ((bucket, group), (group), ())` for the series,
 * the per-group totals and the grand total. Buckets are UTC (epoch arithmetic, any server
 * time zone), groups compare in the "C" collation (code units, as the memory store sorts).
 */
export function usageSql(table: string, query: UsageQuery): { text: string; params: unknown[] } {
  const columns = GROUP_COLUMNS[query.groupBy];
  const text = `
    SELECT GROUPING(bucket)::int AS grouping_bucket, GROUPING(grp)::int AS grouping_group,
      bucket, grp, max(label) AS label,
      count(*) AS requests,
      count(*) FILTER (WHERE is_error) AS errors,
      count(*) FILTER (WHERE cache_status = 'HIT') AS cache_hits,
      COALESCE(sum(cost), 0)::text AS spend,
      COALESCE(sum(input_tokens), 0) AS input_tokens,
      COALESCE(sum(output_tokens), 0) AS output_tokens,
      COALESCE(sum(cache_read_tokens), 0) AS cache_read_tokens,
      COALESCE(sum(cache_write_tokens), 0) AS cache_write_tokens,
      COALESCE(sum(reasoning_tokens), 0) AS reasoning_tokens,
      percentile_cont(0.5) WITHIN GROUP (ORDER BY ttft_ms) AS ttft_p50,
      percentile_cont(0.95) WITHIN GROUP (ORDER BY ttft_ms) AS ttft_p95,
      percentile_cont(0.5) WITHIN GROUP (ORDER BY latency_ms) AS latency_p50,
      percentile_cont(0.95) WITHIN GROUP (ORDER BY latency_ms) AS latency_p95
    FROM (
      SELECT *,
        to_timestamp((floor(extract(epoch FROM time) / $3) * $3)::double precision) AS bucket,
        ${columns.group} AS grp, ${columns.label} AS label
      FROM ${table}
      WHERE time >= $1::timestamptz AND time < $2::timestamptz
    ) AS scoped
    GROUP BY GROUPING SETS ((bucket, grp), (grp), ())`;
  return { text, params: [query.from, query.to, WIDTH_SECONDS[query.bucket]] };
}

function milliseconds(value: number | null): number | null {
  return value === null ? null : roundMilliseconds(Number(value));
}

function metricsOf(row: UsageSqlRow): UsageMetrics {
  return {
    requests: Number(row.requests),
    errors: Number(row.errors),
    cacheHits: Number(row.cache_hits),
    spend: normalizeDecimal(row.spend),
    inputTokens: Number(row.input_tokens),
    outputTokens: Number(row.output_tokens),
    cacheReadTokens: Number(row.cache_read_tokens),
    cacheWriteTokens: Number(row.cache_write_tokens),
    reasoningTokens: Number(row.reasoning_tokens),
    ttftP50: milliseconds(row.ttft_p50),
    ttftP95: milliseconds(row.ttft_p95),
    latencyP50: milliseconds(row.latency_p50),
    latencyP95: milliseconds(row.latency_p95),
  };
}

function emptyMetrics(): UsageMetrics {
  return metricsOf({
    requests: 0,
    errors: 0,
    cache_hits: 0,
    spend: '0',
    input_tokens: 0,
    output_tokens: 0,
    cache_read_tokens: 0,
    cache_write_tokens: 0,
    reasoning_tokens: 0,
    ttft_p50: null,
    ttft_p95: null,
    latency_p50: null,
    latency_p95: null,
  } as UsageSqlRow);
}

/** Turns the rows of `usageSql` into the report the memory store gives for the same records. */
export function usageReportOf(rows: readonly UsageSqlRow[], query: UsageQuery): UsageReport {
  const series: UsageRow[] = [];
  const totals: UsageRow[] = [];
  let total: UsageMetrics = emptyMetrics();
  for (const row of rows) {
    if (Number(row.grouping_group) === 1) {
      total = metricsOf(row);
      continue;
    }
    const bucket =
      Number(row.grouping_bucket) === 1 || row.bucket === null ? null : new Date(row.bucket).toISOString();
    const entry: UsageRow = { bucket, group: row.grp, label: row.label, ...metricsOf(row) };
    (bucket === null ? totals : series).push(entry);
  }
  series.sort((a, b) => compareGroups(a.bucket, b.bucket) || compareGroups(a.group, b.group));
  totals.sort((a, b) => compareGroups(a.group, b.group));
  return {
    object: 'usage',
    from: query.from,
    to: query.to,
    bucket: query.bucket,
    groupBy: query.groupBy,
    series,
    totals,
    total,
  };
}
