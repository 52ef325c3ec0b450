/**
 * The building blocks of the fake upstreams, for adapter authors who write a fake of their own
 * provider's wire format (Bedrock, Gemini, Cohere...) and want the same behaviour as the shipped
 * fakes: one `node:http` server that records requests and counts aborts, the fault directives
 * of model ids (`:status-429:retry-after-1`, `:hang`, `:drop-2`...), and the deterministic fake
 * model (`echo: <text>`, a tool call when asked about the weather, `tool said: ...`).
 *
 * `import { startFakeServer, planFaults, decideReply } from '@signalbox/testing/upstreams'`.
 *
 * @module
 */
export { FlakyCounter, parseFaults } from '@signalbox/provider-mock';
export {
  type Exchange,
  type ExchangeHandler,
  type FakeServerHooks,
  startFakeServer,
} from './fake/fake-server.js';
export { applyLeadingFaults, type FaultPlan, pause, planFaults, waitForAbort } from './fake/fault-plan.js';
export { notJsonBody, sendJson, sendJsonWithFaults } from './fake/http-send.js';
export {
  argumentsFromSchema,
  type Conversation,
  decideReply,
  limitText,
  type OfferedTool,
  type Reply,
  type ToolMode,
} from './fake/reply.js';
export { countWords, estimateTokens, splitWords } from './fake/tokens.js';
export { type FrameKind, openSse, type SseWriter } from './fake/sse-writer.js';
export { asArray, asString, isRecord } from './fake/json.js';
