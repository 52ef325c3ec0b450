/** One provider attempt of a request, as the ledger summarises it. */
export interface LedgerAttempt {
  model: string;
  provider: string;
  providerModelId: string;
  /** HTTP status of the attempt (200 on success). */
  status: number | null;
  success: boolean;
  isByok: boolean;
  /** Milliseconds from the attempt's start to its end (the first token for streams). */
  latencyMs: number | null;
  providerResponseId: string | null;
  error: string | null;
  /** The request's charged cost on the successful attempt; `'0'` on failed ones (they produced no tokens). */
  cost: string | null;
}

/** Billed token counts (after estimation when a count was unknown). */
export interface LedgerTokens {
  /** All input tokens (uncached + cache reads + cache writes). */
  prompt: number;
  /** All output tokens (reasoning included). */
  completion: number;
  noCache: number;
  cacheRead: number;
  /** All cache writes (5-minute and 1-hour). */
  cacheWrite: number;
  cacheWrite1h: number;
  reasoning: number;
}

/**
 * One request in the ledger: who, what, how many tokens of each kind, what it cost and what
 * happened. Costs are USD decimal strings, `null` when the model has no known price.
 */
export interface LedgerEntry {
  generationId: string;
  /** ISO time the request started. */
  createdAt: string;
  /** `chat.completions` or `messages`. */
  endpoint: string;
  principalId: string | null;
  projectId: string | null;
  keyPrefix: string | null;
  /** The model id the client sent. */
  requestedModel: string;
  /** The catalog model that answered (the requested one when none did). */
  model: string;
  provider: string | null;
  providerModelId: string | null;
  /** The provider's response id (`chatcmpl-...`, `msg_...`). */
  upstreamId: string | null;
  tokens: LedgerTokens;
  /** What the principal is charged. */
  cost: string | null;
  /** The same tokens at list price. */
  marketCost: string | null;
  inferenceCost: string | null;
  inputCost: string | null;
  outputCost: string | null;
  /** What caching saved (see `CostBreakdown.cacheDiscount`). */
  cacheDiscount: string | null;
  /** A token count was unknown and estimated (an aborted stream, a provider without usage). */
  estimated: boolean;
  /** Served from the gateway's response cache. */
  cached: boolean;
  /** The generation a cache hit replayed, when the cache says so. */
  cacheSourceId: string | null;
  isByok: boolean;
  streamed: boolean;
  /** The client went away before the response was complete. */
  cancelled: boolean;
  /** The HTTP status the client got. */
  status: number;
  error: string | null;
  /** The unified finish reason (`stop`, `length`, `tool-calls`...). */
  finishReason: string | null;
  /** The provider's own finish reason (`end_turn`, `stop`...). */
  nativeFinishReason: string | null;
  attempts: LedgerAttempt[];
  /** Milliseconds from the request's start to its end. */
  latencyMs: number;
  timeToFirstTokenMs: number | null;
  /** Milliseconds the successful attempt spent generating (start to end of the answer). */
  generationTimeMs: number | null;
}
