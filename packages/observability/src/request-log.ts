import {
  defineMiddleware,
  type GatewayContext,
  type GatewayMiddleware,
  type RequestOutcome,
  tapStream,
} from '@signalbox/core';
import { z } from 'zod';
import { logAdminRoutes } from './admin-routes.js';
import {
  BatchQueue,
  type BatchQueueStats,
  consoleObservabilityLogger,
  type ObservabilityLogger,
} from './batch-queue.js';
import { buildRecord } from './build-log-record.js';
import {
  type CaptureIoSetting,
  CompletionCollector,
  capturePrompt,
  completionOfResult,
  DEFAULT_MAX_IO_CHARACTERS,
  limitIo,
  type RedactIo,
  shouldCaptureIo,
} from './io-capture.js';
import type { CapturedIo, CapturedMessage, RequestLogRecord } from './log-record.js';
import type { LogStore } from './log-store.js';
import { MemoryLogStore } from './memory-log-store.js';
import type { RecordSink } from './record-sink.js';

/** Options of `requestLog()`. */
export interface RequestLogOptions {
  /** Where records go; default a `MemoryLogStore` (the last 10,000 requests). */
  store?: LogStore;
  /** Capture prompts and completions: off by default; per gateway, project or key. */
  captureIo?: CaptureIoSetting;
  /** Rewrites captured I/O before it is stored or sent; `undefined` keeps none. */
  redact?: RedactIo;
  /** Cap of each captured text field, in characters; default 32,000. */
  maxIoCharacters?: number;
  /** Also receive every record (webhooks, Prometheus metrics...). */
  sinks?: RecordSink[];
  /** The store's write queue: bounded, batched, off the request's path. */
  queue?: { maxQueue?: number; batchSize?: number; flushIntervalMs?: number; sendTimeoutMs?: number };
  /** Serve the admin JSON API (`/admin/usage`, `/admin/logs`, `/admin/logs/:id`) guarded by this key. */
  adminKey?: string;
  /** Prefix of the admin routes; default `/admin`. */
  adminPrefix?: string;
  logger?: ObservabilityLogger;
}

/** What the middleware observes of one request: a stream's finish reason, the captured I/O. */
interface Observed {
  finishReason?: string;
  prompt?: CapturedMessage[];
  collector?: CompletionCollector;
}

/** What the request log did so far: the store queue's counts. */
export type RequestLogStats = BatchQueueStats;

/** The middleware, with its store and counters. */
export type RequestLogMiddleware = GatewayMiddleware & {
  readonly store: LogStore;
  /** Records queued, written and dropped so far. */
  stats(): RequestLogStats;
  /** Writes what is queued (store and sinks). */
  flush(): Promise<void>;
};

const optionsSchema = z.object({
  store: z
    .looseObject({ write: z.function(), get: z.function(), list: z.function(), usage: z.function() })
    .optional(),
  captureIo: z
    .union([
      z.boolean(),
      z.function(),
      z.object({ projects: z.array(z.string()).optional(), keys: z.array(z.string()).optional() }),
    ])
    .optional(),
  redact: z.function().optional(),
  maxIoCharacters: z.number().int().positive().optional(),
  sinks: z.array(z.looseObject({ name: z.string(), accept: z.function() })).optional(),
  queue: z
    .object({
      maxQueue: z.number().int().positive().optional(),
      batchSize: z.number().int().positive().optional(),
      flushIntervalMs: z.number().int().positive().optional(),
      sendTimeoutMs: z.number().int().positive().optional(),
    })
    .optional(),
  adminKey: z.string().min(16, 'must be at least 16 characters').optional(),
  adminPrefix: z.string().startsWith('/').optional(),
});

/**
 * Logs one record per model call (whatever its outcome) from an `onDone` hook that runs after
 * every other hook (so the cost is known): who, which model and provider, every attempt, status,
 * error, tokens by kind, cost, latency, time to first token, cache status. Writes go through a
 * bounded batched queue: a slow or failing store drops records with a counted warning and never
 * slows or fails a request. Prompts and completions are captured only when `captureIo` says so.
 *
 * Place it right after auth, outside the cache and the limits, so cache hits and refused
 * requests are logged too:
 *
 * @example
 * ```ts
 * const log = requestLog({ store: new PostgresLogStore({ client: pool }), adminKey });
 * createGateway({ providers, use: [auth(), log, rateLimits(), cost(), cache(), metadata(), router()] });
 * ```
 */
export function requestLog(options: RequestLogOptions = {}): RequestLogMiddleware {
  const parsed = optionsSchema.safeParse(options);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new TypeError(`requestLog: invalid option ${issue?.path.join('.') || '(root)'}: ${issue?.message}`);
  }
  const store: LogStore = options.store ?? new MemoryLogStore();
  const logger = options.logger ?? consoleObservabilityLogger;
  const sinks = options.sinks ?? [];
  const maxIo = options.maxIoCharacters ?? DEFAULT_MAX_IO_CHARACTERS;
  const queue = new BatchQueue<RequestLogRecord>({
    name: 'request log store',
    logger,
    ...options.queue,
    send: (batch) => store.write(batch),
  });

  function capturedIo(context: GatewayContext, prompt: CapturedMessage[], collector: CompletionCollector) {
    const completion = context.result ? completionOfResult(context.result) : collector.completion;
    let io: CapturedIo | undefined = limitIo({ prompt, completion }, maxIo);
    if (options.redact) io = options.redact(io, context);
    return io;
  }

  function emit(context: GatewayContext, outcome: RequestOutcome, observed: Observed | undefined): void {
    let io: CapturedIo | undefined;
    if (observed?.prompt && observed.collector) {
      try {
        io = capturedIo(context, observed.prompt, observed.collector);
      } catch (error) {
        logger.warn('request log: the redact hook failed; I/O not kept', { error: String(error) });
      }
    }
    const record = buildRecord(context, outcome, observed?.finishReason, io);
    queue.push(record);
    for (const sink of sinks) {
      try {
        sink.accept(record);
      } catch (error) {
        logger.warn(`request log: sink ${sink.name} failed`, { error: String(error) });
      }
    }
  }

  const middleware = defineMiddleware(
    'requestLog',
    async function requestLog(context, next) {
      // Only a request that captures I/O or streams has something to observe.
      let observed: Observed | undefined = shouldCaptureIo(options.captureIo, context)
        ? { prompt: capturePrompt(context.request), collector: new CompletionCollector() }
        : undefined;
      context.onDone.push((done) => {
        // Run after every other hook, including those added later by inner middlewares (the cost).
        done.onDone.push((_, outcome) => emit(done, outcome, observed));
      });
      await next();
      if (context.stream) {
        observed ??= {};
        const seen: Observed = observed;
        const collector = seen.collector;
        context.stream = tapStream(context.stream, (part) => {
          if (part.type === 'finish') seen.finishReason = part.finishReason.unified;
          collector?.add(part);
        });
      }
    },
    {
      ...(options.adminKey !== undefined && {
        routes: logAdminRoutes({
          store,
          adminKey: options.adminKey,
          ...(options.adminPrefix !== undefined && { prefix: options.adminPrefix }),
        }),
      }),
      async close() {
        await queue.close();
        for (const sink of sinks) await sink.close?.();
        await store.close?.();
      },
    },
  );
  return Object.assign(middleware, {
    store,
    stats: () => queue.stats(),
    async flush() {
      await queue.flush();
      for (const sink of sinks) await sink.flush?.();
    },
  });
}
