import type { CostInfo } from '@signalbox/core';

/** One provider attempt of a request, as the request log keeps it. */
export interface LogAttempt {
  /** The catalog model the attempt served. */
  model: string;
  provider: string;
  providerModelId: string;
  credentialType: string;
  /** ISO time the attempt started. */
  startTime: string;
  /** Milliseconds from the attempt's start to its end (its first output for streams). */
  durationMs: number | null;
  success: boolean;
  /** HTTP status of the attempt (200 on success), `null` while unknown. */
  status: number | null;
  error: string | null;
  providerResponseId: string | null;
}

/**
 * Token counts by kind. `null` means the provider did not report the count (unknown, never 0).
 * `input` includes cache reads and writes; `output` includes reasoning.
 */
export interface LogTokens {
  input: number | null;
  output: number | null;
  noCache: number | null;
  cacheRead: number | null;
  cacheWrite: number | null;
  reasoning: number | null;
}

/** One message of a captured prompt, flattened to text (images and files as placeholders). */
export interface CapturedMessage {
  role: string;
  content: string;
}

/** What the model produced, as captured. */
export interface CapturedCompletion {
  text: string;
  reasoning?: string;
  toolCalls?: Array<{ name: string; input: string }>;
  refusal?: string;
}

/** Prompt and completion of a request: only present when I/O capture is on for it. */
export interface CapturedIo {
  prompt: CapturedMessage[];
  completion: CapturedCompletion;
  /** True when a field was cut at the size limit. */
  truncated?: boolean;
}

/** The router's plan, for the detail view. */
export interface LogRouting {
  canonicalSlug: string;
  fallbacksAvailable: string[];
  planningReasoning: string;
}

/**
 * One request as the request log keeps it (one record per model call, whatever its outcome).
 * Plain JSON: what stores write, webhooks send and the dashboard shows.
 */
export interface RequestLogRecord {
  generationId: string;
  /** ISO time the request started. */
  time: string;
  /** `chat.completions` or `messages`. */
  endpoint: string;
  principalId: string | null;
  projectId: string | null;
  /** The key's public prefix (never the key). */
  keyPrefix: string | null;
  /** The model id the client sent. */
  requestedModel: string;
  /** The catalog model that answered; the requested one when none did. */
  model: string;
  provider: string | null;
  providerModelId: string | null;
  /** The provider's response id. */
  responseId: string | null;
  attempts: LogAttempt[];
  /** The HTTP status the client got (200 for a stream that failed after it started). */
  status: number;
  /** The error message, when the request failed (also mid-stream); `null` otherwise. */
  error: string | null;
  /** The error's type (`rate_limit_error`, `upstream_error`...), when it failed. */
  errorType: string | null;
  /** Unified finish reason (`stop`, `length`, `tool-calls`...). */
  finishReason: string | null;
  tokens: LogTokens;
  /** The cost, as `@signalbox/cost` computed it (decimal strings); `null` when unknown. */
  cost: CostInfo | null;
  /** Milliseconds from the request's start to its end. */
  latencyMs: number;
  /**
   * Milliseconds to the first output: the first content event of a stream; for a non-streamed
   * request, the time the complete answer arrived. `null` when there was none.
   */
  ttftMs: number | null;
  cacheStatus: 'HIT' | 'MISS' | 'BYPASS' | null;
  stream: boolean;
  /** The client went away before the response was complete. */
  aborted: boolean;
  routing: LogRouting | null;
  /** The end-user id and metadata the client sent (OpenAI `user`, `metadata`). */
  user: string | null;
  metadata: Record<string, string> | null;
  /** Prompt and completion: `null` unless I/O capture is on for this request. */
  io: CapturedIo | null;
}

/** Whether a record counts as an error: a 4xx/5xx, or a failure after the stream started. */
export function isErrorRecord(record: Pick<RequestLogRecord, 'status' | 'error'>): boolean {
  return record.status >= 400 || record.error !== null;
}
