import { sumDecimals } from './decimal-sum.js';
import { isErrorRecord, type RequestLogRecord } from './log-record.js';
import type { UsageMetrics, UsageQuery, UsageReport, UsageRow } from './log-store.js';
import { percentile } from './percentile.js';

const WIDTH = { hour: 3_600_000, day: 86_400_000 } as const;

/** The group a record falls in under `groupBy`, and its label. */
export function groupOf(
  record: RequestLogRecord,
  groupBy: UsageQuery['groupBy'],
): { group: string | null; label: string | null } {
  switch (groupBy) {
    case 'model':
      return { group: record.model, label: record.model };
    case 'provider':
      return { group: record.provider, label: record.provider };
    case 'project':
      return { group: record.projectId, label: record.projectId };
    case 'key':
      return { group: record.principalId, label: record.keyPrefix ?? record.principalId };
    case 'none':
      return { group: 'all', label: 'all' };
  }
}

/** The ISO start of the UTC bucket a time falls in. */
export function bucketStart(time: string, bucket: UsageQuery['bucket']): string {
  const width = WIDTH[bucket];
  return new Date(Math.floor(Date.parse(time) / width) * width).toISOString();
}

/** Aggregates a set of records (the memory store's answer to a usage query). */
export function usageMetrics(records: readonly RequestLogRecord[]): UsageMetrics {
  const metrics: UsageMetrics = {
    requests: records.length,
    errors: 0,
    cacheHits: 0,
    spend: '0',
    inputTokens: 0,
    outputTokens: 0,
    cacheReadTokens: 0,
    cacheWriteTokens: 0,
    reasoningTokens: 0,
    ttftP50: null,
    ttftP95: null,
    latencyP50: null,
    latencyP95: null,
  };
  const costs: string[] = [];
  const ttfts: number[] = [];
  const latencies: number[] = [];
  for (const record of records) {
    if (isErrorRecord(record)) metrics.errors += 1;
    if (record.cacheStatus === 'HIT') metrics.cacheHits += 1;
    if (record.cost) costs.push(record.cost.total);
    metrics.inputTokens += record.tokens.input ?? 0;
    metrics.outputTokens += record.tokens.output ?? 0;
    metrics.cacheReadTokens += record.tokens.cacheRead ?? 0;
    metrics.cacheWriteTokens += record.tokens.cacheWrite ?? 0;
    metrics.reasoningTokens += record.tokens.reasoning ?? 0;
    if (record.ttftMs !== null) ttfts.push(record.ttftMs);
    latencies.push(record.latencyMs);
  }
  metrics.spend = sumDecimals(costs);
  ttfts.sort((a, b) => a - b);
  latencies.sort((a, b) => a - b);
  metrics.ttftP50 = percentile(ttfts, 0.5);
  metrics.ttftP95 = percentile(ttfts, 0.95);
  metrics.latencyP50 = percentile(latencies, 0.5);
  metrics.latencyP95 = percentile(latencies, 0.95);
  return metrics;
}

/** Code-unit order with `null` last: the order both stores sort groups in. */
export function compareGroups(a: string | null, b: string | null): number {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  return a < b ? -1 : 1;
}

function maxLabel(a: string | null, b: string | null): string | null {
  if (a === null) return b;
  if (b === null) return a;
  return a > b ? a : b;
}

interface Bin {
  bucket: string | null;
  group: string | null;
  label: string | null;
  records: RequestLogRecord[];
}

/** Answers a usage query from records in memory (those outside the range are ignored). */
export function aggregateRecords(records: Iterable<RequestLogRecord>, query: UsageQuery): UsageReport {
  const from = Date.parse(query.from);
  const to = Date.parse(query.to);
  const series = new Map<string, Bin>();
  const totals = new Map<string, Bin>();
  const all: RequestLogRecord[] = [];
  const add = (bins: Map<string, Bin>, key: string, bin: Omit<Bin, 'records'>, record: RequestLogRecord) => {
    let found = bins.get(key);
    if (!found) {
      found = { ...bin, records: [] };
      bins.set(key, found);
    } else {
      found.label = maxLabel(found.label, bin.label);
    }
    found.records.push(record);
  };
  for (const record of records) {
    const time = Date.parse(record.time);
    if (time < from || time >= to) continue;
    all.push(record);
    const { group, label } = groupOf(record, query.groupBy);
    const bucket = bucketStart(record.time, query.bucket);
    add(series, JSON.stringify([bucket, group]), { bucket, group, label }, record);
    add(totals, JSON.stringify(group), { bucket: null, group, label }, record);
  }
  const toRow = (bin: Bin): UsageRow => ({
    bucket: bin.bucket,
    group: bin.group,
    label: bin.label,
    ...usageMetrics(bin.records),
  });
  return {
    object: 'usage',
    from: query.from,
    to: query.to,
    bucket: query.bucket,
    groupBy: query.groupBy,
    series: [...series.values()]
      .sort((a, b) => compareGroups(a.bucket, b.bucket) || compareGroups(a.group, b.group))
      .map(toRow),
    totals: [...totals.values()].sort((a, b) => compareGroups(a.group, b.group)).map(toRow),
    total: usageMetrics(all),
  };
}
