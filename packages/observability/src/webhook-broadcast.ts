import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import {
  BatchQueue,
  type BatchQueueStats,
  consoleObservabilityLogger,
  type ObservabilityLogger,
} from './batch-queue.js';
import type { RequestLogRecord } from './log-record.js';
import type { RecordSink } from './record-sink.js';
import {
  signWebhook,
  WEBHOOK_DELIVERY_HEADER,
  WEBHOOK_SIGNATURE_HEADER,
  WEBHOOK_TIMESTAMP_HEADER,
} from './webhook-signature.js';

/** Options of `webhookBroadcast()`. */
export interface WebhookBroadcastOptions {
  /** Where batches are POSTed (each URL has its own queue, so a dead one does not hold others). */
  urls: string[];
  /** The shared secret of the HMAC signature (at least 16 characters). */
  secret: string;
  /** Records per POST; default 50. */
  batchSize?: number;
  /** A partial batch is sent after this long; default 2,000 ms. */
  flushIntervalMs?: number;
  /** Records held per URL; beyond it new ones are dropped (counted). Default 10,000. */
  maxQueue?: number;
  /** Retries of a failed POST (network error, timeout, 408, 409, 425, 429, 5xx); default 4. */
  retries?: number;
  /** First retry delay, doubled each time, with jitter; default 500 ms. */
  backoffMs?: number;
  /** Longest retry delay (also caps `Retry-After`); default 30,000 ms. */
  maxBackoffMs?: number;
  /** Timeout of one POST; default 10,000 ms. */
  timeoutMs?: number;
  /** Send captured prompts and completions too; default false (records go without `io`). */
  includeIo?: boolean;
  /** Extra request headers (an `authorization` for the receiver...). */
  headers?: Record<string, string>;
  /** The fetch to use; default the global one. */
  fetch?: typeof fetch;
  logger?: ObservabilityLogger;
}

/** The broadcast sink, with its per-URL counters. */
export interface WebhookBroadcast extends RecordSink {
  /** Queue counters per webhook URL. */
  stats(): Record<string, BatchQueueStats>;
  flush(): Promise<void>;
  close(): Promise<void>;
}

const optionsSchema = z.object({
  urls: z.array(z.url({ protocol: /^https?$/ })).min(1),
  secret: z.string().min(16, 'must be at least 16 characters'),
  batchSize: z.number().int().positive().optional(),
  flushIntervalMs: z.number().int().positive().optional(),
  maxQueue: z.number().int().positive().optional(),
  retries: z.number().int().min(0).max(20).optional(),
  backoffMs: z.number().int().min(0).optional(),
  maxBackoffMs: z.number().int().min(0).optional(),
  timeoutMs: z.number().int().positive().optional(),
  includeIo: z.boolean().optional(),
  headers: z.record(z.string(), z.string()).optional(),
});

const RETRYABLE = new Set([408, 409, 425, 429]);

class DeliveryError extends Error {
  constructor(
    message: string,
    readonly retryable: boolean,
    readonly retryAfterMs?: number,
  ) {
    super(message);
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}

/**
 * Broadcasts completed request records to webhook receivers: batches POSTed as JSON
 * `{ type: 'signalbox.requests', sent_at, data: [records] }`, signed with
 * `x-signalbox-signature: sha256=<HMAC-SHA256 of "<timestamp>.<body>">` and
 * `x-signalbox-timestamp` (check with `verifyWebhookSignature`), retried with exponential backoff
 * and jitter (honouring `Retry-After`), from a bounded queue per URL. Never blocks a request:
 * a dead receiver loses records, counted, with a throttled warning.
 *
 * @example
 * ```ts
 * requestLog({ sinks: [webhookBroadcast({ urls: ['https://hooks.example.com/llm'], secret })] });
 * ```
 */
export function webhookBroadcast(options: WebhookBroadcastOptions): WebhookBroadcast {
  const parsed = optionsSchema.safeParse(options);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new TypeError(
      `webhookBroadcast: invalid option ${issue?.path.join('.') || '(root)'}: ${issue?.message}`,
    );
  }
  const send = options.fetch ?? fetch;
  const retries = options.retries ?? 4;
  const backoffMs = options.backoffMs ?? 500;
  const maxBackoffMs = options.maxBackoffMs ?? 30_000;
  const timeoutMs = options.timeoutMs ?? 10_000;
  const logger = options.logger ?? consoleObservabilityLogger;
  let closing = false;

  async function post(url: string, body: string, delivery: string): Promise<void> {
    const timestamp = Math.floor(Date.now() / 1000);
    let response: Response;
    try {
      response = await send(url, {
        method: 'POST',
        headers: {
          ...options.headers,
          'content-type': 'application/json',
          'user-agent': 'signalbox-webhooks',
          [WEBHOOK_DELIVERY_HEADER]: delivery,
          [WEBHOOK_TIMESTAMP_HEADER]: String(timestamp),
          [WEBHOOK_SIGNATURE_HEADER]: signWebhook(body, options.secret, timestamp),
        },
        body,
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch (error) {
      throw new DeliveryError(error instanceof Error ? error.message : String(error), true);
    }
    await response.arrayBuffer().catch(() => undefined);
    if (response.ok) return;
    const retryAfter = Number(response.headers.get('retry-after'));
    throw new DeliveryError(
      `HTTP ${response.status}`,
      RETRYABLE.has(response.status) || response.status >= 500,
      Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter * 1000 : undefined,
    );
  }

  async function deliver(url: string, batch: RequestLogRecord[]): Promise<void> {
    const data = options.includeIo ? batch : batch.map((record) => ({ ...record, io: null }));
    const body = JSON.stringify({ type: 'signalbox.requests', sent_at: new Date().toISOString(), data });
    const delivery = randomUUID();
    for (let attempt = 0; ; attempt += 1) {
      try {
        return await post(url, body, delivery);
      } catch (error) {
        const failure = error as DeliveryError;
        if (!failure.retryable || attempt >= retries || closing) throw failure;
        const exponential = Math.min(maxBackoffMs, backoffMs * 2 ** attempt);
        const jittered = exponential / 2 + Math.random() * (exponential / 2);
        await sleep(Math.min(maxBackoffMs, failure.retryAfterMs ?? jittered));
      }
    }
  }

  const worstCase = (retries + 1) * (timeoutMs + maxBackoffMs);
  const queues = new Map(
    options.urls.map((url) => [
      url,
      new BatchQueue<RequestLogRecord>({
        name: `webhook ${new URL(url).origin}`,
        logger,
        batchSize: options.batchSize ?? 50,
        flushIntervalMs: options.flushIntervalMs ?? 2_000,
        maxQueue: options.maxQueue ?? 10_000,
        sendTimeoutMs: worstCase,
        send: (batch) => deliver(url, batch),
      }),
    ]),
  );

  return {
    name: 'webhooks',
    accept(record) {
      for (const queue of queues.values()) queue.push(record);
    },
    stats() {
      return Object.fromEntries([...queues].map(([url, queue]) => [url, queue.stats()]));
    },
    async flush() {
      await Promise.all([...queues.values()].map((queue) => queue.flush()));
    },
    async close() {
      closing = true;
      await Promise.all([...queues.values()].map((queue) => queue.close()));
    },
  };
}
