import { Counter, collectDefaultMetrics, Gauge, type LabelValues, Registry } from 'prom-client';
import { DeferredCounter, type PendingSeries } from './deferred-counter.js';
import { DeferredHistogram, type PendingObservations } from './deferred-histogram.js';
import { isErrorRecord, type RequestLogRecord } from './log-record.js';
import type { RecordSink } from './record-sink.js';

/** Options of `prometheusMetrics()`. */
export interface PrometheusMetricsOptions {
  /** The registry; default a new one (never prom-client's global one). */
  registry?: Registry;
  /** Metric name prefix; default `signalbox_`. */
  prefix?: string;
  /** Buckets of the latency histogram, in seconds. */
  latencyBuckets?: number[];
  /** Buckets of the time-to-first-token histogram, in seconds. */
  ttftBuckets?: number[];
  /** Also collect prom-client's default process metrics into the registry; default false. */
  defaultMetrics?: boolean;
  /** Exposes the request log's dropped-record count (`requestLog()`'s middleware fits). */
  requestLog?: {
    /** The request log's counters, exported as gauges. */
    stats(): { dropped: number; queued: number };
  };
}

/** The metrics sink, with its registry. */
export interface PrometheusMetrics extends RecordSink {
  readonly registry: Registry;
  /** Counts a provider+model put in cooldown (call it from your router's hook). */
  recordCooldown(provider: string, model: string): void;
  /** The exposition text. */
  metrics(): Promise<string>;
  readonly contentType: string;
}

const DEFAULT_LATENCY = [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120];
const DEFAULT_TTFT = [0.025, 0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 30];

/** Token kinds, in the order a record's counts are added. */
const TOKEN_KINDS = ['input', 'output', 'cache_read', 'cache_write', 'reasoning'] as const;

/** Label combinations kept per kind of cache; beyond it the cache starts over (flushed first). */
const MAX_CACHED_SERIES = 1_000;

/** What one (model, provider) pair needs per record, made once: labels, histogram children, counter series. */
interface ModelSeries {
  labels: LabelValues<string>;
  latency: PendingObservations;
  ttft: PendingObservations;
  requests: Map<number, PendingSeries>;
  tokens: Array<PendingSeries | undefined>;
  cost: PendingSeries | undefined;
  fallbacks: PendingSeries | undefined;
}

/**
 * Prometheus metrics from the request log's records (a `RecordSink`: give it to `requestLog({
 * sinks })`, so `/metrics` counts exactly what the log and the aggregates count), in a registry
 * of its own: requests by model, provider and status; errors by provider and status; failed
 * attempts; latency and TTFT histograms; tokens by kind; cost; cache hits; fallbacks; cooldowns.
 * Serve it with `metricsHandler`.
 */
export function prometheusMetrics(options: PrometheusMetricsOptions = {}): PrometheusMetrics {
  const registry = options.registry ?? new Registry();
  const prefix = options.prefix ?? 'signalbox_';
  const registers = [registry];
  const requests = new DeferredCounter({
    name: `${prefix}requests_total`,
    help: 'Model calls, by model used, provider and HTTP status.',
    labelNames: ['model', 'provider', 'status'],
    registers,
  });
  const errors = new Counter({
    name: `${prefix}errors_total`,
    help: 'Failed model calls (4xx/5xx, or a stream failing after it started), by provider and status.',
    labelNames: ['provider', 'status'],
    registers,
  });
  const attemptErrors = new Counter({
    name: `${prefix}attempt_errors_total`,
    help: 'Failed provider attempts (including those a fallback recovered), by provider and status.',
    labelNames: ['provider', 'status'],
    registers,
  });
  const latency = new DeferredHistogram({
    name: `${prefix}request_duration_seconds`,
    help: 'Time from request to complete response.',
    labelNames: ['model', 'provider'],
    buckets: options.latencyBuckets ?? DEFAULT_LATENCY,
    registers,
  });
  const ttft = new DeferredHistogram({
    name: `${prefix}time_to_first_token_seconds`,
    help: 'Time to the first output (a non-streamed answer: to the whole answer).',
    labelNames: ['model', 'provider'],
    buckets: options.ttftBuckets ?? DEFAULT_TTFT,
    registers,
  });
  const tokens = new DeferredCounter({
    name: `${prefix}tokens_total`,
    help: 'Tokens by kind: input (all), output (all), cache_read, cache_write, reasoning.',
    labelNames: ['model', 'provider', 'kind'],
    registers,
  });
  const cost = new DeferredCounter({
    name: `${prefix}cost_usd_total`,
    help: 'What principals were charged, in USD (a float: the exact sums are in the request log).',
    labelNames: ['model', 'provider'],
    registers,
  });
  const cacheHits = new DeferredCounter({
    name: `${prefix}cache_hits_total`,
    help: 'Requests answered from the response cache.',
    labelNames: ['model'],
    registers,
  });
  const fallbacks = new DeferredCounter({
    name: `${prefix}fallbacks_total`,
    help: 'Requests that needed more than one provider attempt, by the model and provider that answered.',
    labelNames: ['model', 'provider'],
    registers,
  });
  const cooldowns = new Counter({
    name: `${prefix}cooldowns_total`,
    help: 'Provider+model pairs put in cooldown.',
    labelNames: ['provider', 'model'],
    registers,
  });
  const requestLog = options.requestLog;
  if (requestLog) {
    new Gauge({
      name: `${prefix}log_records_dropped`,
      help: 'Request log records dropped since start (store down or queue full).',
      registers,
      collect() {
        this.set(requestLog.stats().dropped);
      },
    });
  }
  if (options.defaultMetrics) collectDefaultMetrics({ register: registry, prefix });

  // Per (provider, model): the labels, histogram children and counter series, made once.
  const modelSeries = new Map<string, Map<string, ModelSeries>>();
  let modelSeriesCount = 0;
  const cacheHitSeries = new Map<string, PendingSeries>();

  function seriesOf(model: string, provider: string): ModelSeries {
    let byModel = modelSeries.get(provider);
    const found = byModel?.get(model);
    if (found !== undefined) return found;
    if (modelSeriesCount >= MAX_CACHED_SERIES) {
      // Dropped series keep what they hold pending until the next flush: nothing is lost.
      modelSeries.clear();
      modelSeriesCount = 0;
      byModel = undefined;
    }
    if (byModel === undefined) {
      byModel = new Map();
      modelSeries.set(provider, byModel);
    }
    const labels = { model, provider };
    const made: ModelSeries = {
      labels,
      latency: latency.series(labels),
      ttft: ttft.series(labels),
      requests: new Map(),
      tokens: [],
      cost: undefined,
      fallbacks: undefined,
    };
    byModel.set(model, made);
    modelSeriesCount += 1;
    return made;
  }

  function countTokens(series: ModelSeries, kind: number, value: number | null): void {
    if (!value) return;
    let pending = series.tokens[kind];
    if (pending === undefined) {
      pending = tokens.series({ ...series.labels, kind: TOKEN_KINDS[kind] as string });
      series.tokens[kind] = pending;
    }
    tokens.add(pending, value);
  }

  return {
    name: 'prometheus',
    registry,
    contentType: registry.contentType,
    accept(record: RequestLogRecord) {
      const provider = record.provider ?? 'none';
      // A model no provider took (unknown id, refused before routing) could be any string: one label.
      const model = record.provider === null ? 'unresolved' : record.model;
      const series = seriesOf(model, provider);
      const status = record.status;
      let requestSeries = series.requests.get(status);
      if (requestSeries === undefined) {
        requestSeries = requests.series({ model, provider, status: String(status) });
        series.requests.set(status, requestSeries);
      }
      requests.add(requestSeries, 1);
      if (isErrorRecord(record)) errors.inc({ provider, status: String(status) });
      for (const attempt of record.attempts) {
        if (!attempt.success)
          attemptErrors.inc({ provider: attempt.provider, status: String(attempt.status ?? 'none') });
      }
      latency.observe(series.latency, record.latencyMs / 1000);
      if (record.ttftMs !== null) ttft.observe(series.ttft, record.ttftMs / 1000);
      const counts = record.tokens;
      countTokens(series, 0, counts.input);
      countTokens(series, 1, counts.output);
      countTokens(series, 2, counts.cacheRead);
      countTokens(series, 3, counts.cacheWrite);
      countTokens(series, 4, counts.reasoning);
      const charged = record.cost ? Number(record.cost.total) : 0;
      if (charged > 0) {
        series.cost ??= cost.series(series.labels);
        cost.add(series.cost, charged);
      }
      if (record.cacheStatus === 'HIT') {
        let hits = cacheHitSeries.get(model);
        if (hits === undefined) {
          if (cacheHitSeries.size >= MAX_CACHED_SERIES) cacheHitSeries.clear();
          hits = cacheHits.series({ model });
          cacheHitSeries.set(model, hits);
        }
        cacheHits.add(hits, 1);
      }
      if (record.attempts.length > 1) {
        series.fallbacks ??= fallbacks.series(series.labels);
        fallbacks.add(series.fallbacks, 1);
      }
    },
    recordCooldown(provider, model) {
      cooldowns.inc({ provider, model });
    },
    metrics: () => registry.metrics(),
  };
}
