/**
 * `@signalbox/core`: the canonical chat model (requests, content parts, results, stream parts,
 * usage), zod schemas and codecs for the OpenAI Chat Completions and Anthropic Messages APIs,
 * `createGateway` and `compose`, the middleware context, errors, SSE, and the store interfaces
 * (SQL client, Redis command) the other packages build on.
 *
 * @module
 */
export * from './spec/v1/index.js';
export * from './errors/index.js';
export { compose, type Middleware, type Next } from './compose.js';
export { isoTime } from './util/iso-time.js';
export { sseFrame, sseJson } from './sse/sse-frame.js';
export { parseSse, type SseEvent } from './sse/parse-sse.js';
export type * from './gateway/http.js';
export type * from './gateway/principal.js';
export type * from './gateway/attempt.js';
export type * from './gateway/context.js';
export type * from './gateway/client-codec.js';
export {
  createGateway,
  type Gateway,
  type GatewayLogger,
  type GatewayOptions,
} from './gateway/create-gateway.js';
export {
  defineMiddleware,
  type GatewayMiddleware,
  type MiddlewareMeta,
  type Route,
  type RouteMiddleware,
} from './gateway/middleware.js';
export { providerCallFor, resolveModel, runAttempt, type ResolvedModel } from './gateway/default-router.js';
export { guardStream, primeStream, tapStream } from './gateway/stream-tools.js';
export { readJsonBody } from './gateway/read-json.js';
export { randomIds, systemClock } from './gateway/ids.js';
export * from './openai/index.js';
export * from './anthropic/index.js';
export * from './node/index.js';
export { runMigrations, type Migration, type SqlClient } from './store/sql-client.js';
export type { RedisSendCommand } from './store/redis-command.js';
