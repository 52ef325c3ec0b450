import type { ChatRequest, WireFormat } from '../spec/v1/chat-request.js';
import type { GenerateResult } from '../spec/v1/generate-result.js';
import type { ProviderAdapter } from '../spec/v1/provider-adapter.js';
import type { StreamPart } from '../spec/v1/stream-part.js';
import type { Usage } from '../spec/v1/usage.js';
import type { Attempt } from './attempt.js';
import type { GatewayHttpRequest, GatewayHttpResponse } from './http.js';
import type { Principal } from './principal.js';

/** The endpoints the gateway serves itself; middlewares may add routes of their own. */
export type Endpoint = 'chat.completions' | 'messages' | 'messages.count_tokens' | 'models' | (string & {});

/** Time source, injectable for deterministic tests. Milliseconds. */
export interface Clock {
  /** The current time, in milliseconds since the epoch. */
  now(): number;
}

/** Id source, injectable for deterministic tests. */
export interface IdGenerator {
  /** A new generation id (`gen_...`). */
  generationId(): string;
  /** A new id with the given prefix (`chatcmpl-`, `msg_`, `toolu_`...). */
  id(prefix: string): string;
}

/**
 * Per-request state that middlewares share, typed by module augmentation:
 * `declare module '@signalbox/core' { interface GatewayState { cost?: CostRecord } }`.
 */
// biome-ignore lint/suspicious/noEmptyInterface: augmented by middleware packages
export interface GatewayState {}

/**
 * Fields a middleware adds to the response in the client's wire format. Encoders merge them:
 * `body` into the response object (every stream chunk for OpenAI; the message for Anthropic),
 * `message` into `choices[0].message` (the final chunk's `delta` when streaming; OpenAI only),
 * `choice` into `choices[0]`, and `usage` into the usage object.
 */
export interface ResponseExtension {
  body?: Record<string, unknown>;
  message?: Record<string, unknown>;
  choice?: Record<string, unknown>;
  usage?: Record<string, unknown>;
}

/** Computes an extension once the result is known (after the stream's `finish` passed every middleware). */
export type ResponseExtender = (context: GatewayContext) => ResponseExtension | undefined;

/** What every route's middlewares see (models list, admin routes, chat calls alike). */
export interface RouteContext {
  readonly endpoint: Endpoint;
  /** The wire format of the endpoint: errors are answered in its shape. */
  readonly format: WireFormat;
  readonly http: GatewayHttpRequest;
  /** Set by auth middlewares or the host app. */
  principal?: Principal;
  /** Headers added to the response (rate-limit headers, generation id...). */
  readonly responseHeaders: Record<string, string>;
  readonly state: GatewayState;
  /** Aborted when the client disconnects. */
  readonly signal: AbortSignal;
  readonly clock: Clock;
  readonly ids: IdGenerator;
  readonly providers: ReadonlyMap<string, ProviderAdapter>;
  /** A middleware may answer the request itself by setting this (a cache hit, an estimate...). */
  response?: GatewayHttpResponse;
}

/** What the router planned, for metadata (Vercel's `routing` object) and logs. */
export interface RoutingInfo {
  /** The model id the client asked for. */
  originalModelId: string;
  /** The catalog's canonical id for it (`anthropic/claude-haiku-4.5`). */
  canonicalSlug: string;
  /** Every (model, provider) the plan may try, in order. */
  plan: Array<{ model: string; canonicalSlug: string; provider: string; providerModelId: string }>;
  /** Providers after the first one for the primary model. */
  fallbacksAvailable: string[];
  /** A human-readable account of the plan ("... Total execution order: a -> b"). */
  planningReasoning: string;
}

/**
 * What a request cost, as decimal strings in USD (exact; never floats). Set by the cost
 * middleware; absent, not zero, when no price is known.
 */
export interface CostInfo {
  /** What the principal is charged (0 for a cache hit; per the BYOK rule for BYOK). */
  total: string;
  /** What the same tokens cost at the provider's list price. */
  market: string;
  /** Provider inference cost, and its input (incl. cache read/write) and output parts. */
  inference: string;
  input: string;
  output: string;
  cacheRead?: string;
  cacheWrite?: string;
  isByok: boolean;
  /** True when a token count was unknown and estimated. */
  estimated: boolean;
}

/** The context of a model call (`/chat/completions`, `/messages`). */
export interface GatewayContext extends RouteContext {
  /** The canonical request. Middlewares may change it before calling `next()`. */
  request: ChatRequest;
  readonly generationId: string;
  /** Every provider attempt, in order. */
  readonly attempts: Attempt[];
  /** The catalog model and provider that produced the result (set by the router). */
  resolved?: { model: string; provider: string; providerModelId: string };
  /** Set by the router for a non-streamed call. */
  result?: GenerateResult;
  /** Set by the router for a streamed call; middlewares wrap it to see events as they pass. */
  stream?: AsyncIterable<StreamPart>;
  /** Final usage, once known (result, or the stream's `finish`). */
  usage?: Usage;
  /** The model id the client sees in `model`; default `request.model` (metadata sets the model used). */
  responseModel?: string;
  /**
   * A provider the router should try first among the primary model's providers while it is
   * healthy (set by the cache middleware's cache-affine routing, so a repeated prefix reaches the
   * provider that holds it in its prompt cache).
   */
  preferredProvider?: string;
  /** The router's plan (set by `@signalbox/routing`). */
  routing?: RoutingInfo;
  /** The request's cost (set by `@signalbox/cost`). */
  cost?: CostInfo;
  /** How the response cache served this request (set by `@signalbox/cache`). */
  cacheStatus?: 'HIT' | 'MISS' | 'BYPASS';
  readonly timings: { start: number; firstToken?: number; end?: number };
  /** Added by middlewares; evaluated when the response is encoded. */
  readonly extenders: ResponseExtender[];
  /** Run once when the response is complete (also after an abort or error); for logs and ledgers. */
  readonly onDone: Array<(context: GatewayContext, outcome: RequestOutcome) => void | Promise<void>>;
}

/** How a request ended, as `onDone` hooks receive it. */
export interface RequestOutcome {
  status: number;
  /** The client went away before the response was complete. */
  aborted: boolean;
  error?: unknown;
}
