/**
 * `@signalbox/observability`: the request log (memory ring buffer, Postgres) with I/O capture off
 * by default, usage aggregates over an admin JSON API, OpenTelemetry GenAI spans, signed webhook
 * broadcast and Prometheus metrics.
 *
 * @module
 */
export {
  requestLog,
  type RequestLogMiddleware,
  type RequestLogOptions,
  type RequestLogStats,
} from './request-log.js';
export {
  type CapturedCompletion,
  type CapturedIo,
  type CapturedMessage,
  isErrorRecord,
  type LogAttempt,
  type LogRouting,
  type LogTokens,
  type RequestLogRecord,
} from './log-record.js';
export { buildLogRecord, type ObservedOutput } from './build-log-record.js';
export {
  type CaptureIoSetting,
  capturePrompt,
  CompletionCollector,
  completionOfResult,
  DEFAULT_MAX_IO_CHARACTERS,
  limitIo,
  type RedactIo,
  shouldCaptureIo,
} from './io-capture.js';
export type {
  LogPage,
  LogQuery,
  LogStore,
  UsageMetrics,
  UsageQuery,
  UsageReport,
  UsageRow,
} from './log-store.js';
export { MemoryLogStore, type MemoryLogStoreOptions } from './memory-log-store.js';
export { PostgresLogStore, type PostgresLogStoreOptions } from './postgres-log-store.js';
export { aggregateRecords, bucketStart, groupOf, usageMetrics } from './aggregate-records.js';
export { MAX_USAGE_BUCKETS, parseLogQuery, parseUsageQuery } from './query-params.js';
export { decodeCursor, encodeCursor, type LogCursor, matchesQuery } from './log-filter.js';
export { normalizeDecimal, sumDecimals } from './decimal-sum.js';
export { percentile } from './percentile.js';
export {
  BatchQueue,
  type BatchQueueOptions,
  type BatchQueueStats,
  consoleObservabilityLogger,
  type ObservabilityLogger,
} from './batch-queue.js';
export type { RecordSink } from './record-sink.js';
export { type AdminCheck, type AdminGuard, bearerToken, createAdminGuard } from './admin-guard.js';
export { logAdminRoutes, type LogAdminRoutesOptions } from './admin-routes.js';
export { openTelemetry, type OpenTelemetryOptions } from './open-telemetry.js';
export { attemptAttributes, requestAttributes, responseAttributes } from './gen-ai-attributes.js';
export {
  type WebhookBroadcast,
  type WebhookBroadcastOptions,
  webhookBroadcast,
} from './webhook-broadcast.js';
export {
  signWebhook,
  type VerifyWebhookInput,
  verifyWebhookSignature,
  WEBHOOK_DELIVERY_HEADER,
  WEBHOOK_SIGNATURE_HEADER,
  WEBHOOK_TIMESTAMP_HEADER,
} from './webhook-signature.js';
export {
  type PrometheusMetrics,
  type PrometheusMetricsOptions,
  prometheusMetrics,
} from './prometheus-metrics.js';
export { metricsHandler, type MetricsHandlerOptions } from './metrics-handler.js';
export { type KoaLikeContext, type NodeHandler, sendText, toKoa } from './node-handler.js';
