import {
  type Attempt,
  defaultErrorType,
  GatewayError,
  type GatewayContext,
  type RequestOutcome,
  isoTime,
} from '@signalbox/core';
import type { CapturedIo, LogAttempt, LogTokens, RequestLogRecord } from './log-record.js';

/** What the middleware observed besides the context (a stream's finish reason, captured I/O). */
export interface ObservedOutput {
  finishReason?: string;
  io?: CapturedIo;
}

function count(value: number | undefined): number | null {
  return value === undefined ? null : value;
}

function tokensOf(context: GatewayContext): LogTokens {
  const usage = context.usage;
  return {
    input: count(usage?.inputTokens.total),
    output: count(usage?.outputTokens.total),
    noCache: count(usage?.inputTokens.noCache),
    cacheRead: count(usage?.inputTokens.cacheRead),
    cacheWrite: count(usage?.inputTokens.cacheWrite),
    reasoning: count(usage?.outputTokens.reasoning),
  };
}

function attemptsOf(attempts: readonly Attempt[]): LogAttempt[] {
  const logged: LogAttempt[] = [];
  for (const attempt of attempts) {
    logged.push({
      model: attempt.model,
      provider: attempt.provider,
      providerModelId: attempt.providerModelId,
      credentialType: attempt.credentialType,
      startTime: isoTime(attempt.startTime),
      durationMs: attempt.endTime === undefined ? null : attempt.endTime - attempt.startTime,
      success: attempt.success,
      status: attempt.statusCode ?? null,
      error: attempt.error?.message ?? null,
      providerResponseId: attempt.providerResponseId ?? null,
    });
  }
  return logged;
}

function lastSuccess(attempts: readonly Attempt[]): Attempt | undefined {
  for (let index = attempts.length - 1; index >= 0; index -= 1) {
    const attempt = attempts[index];
    if (attempt?.success) return attempt;
  }
  return undefined;
}

function failureOf(outcome: RequestOutcome): { message: string; type: string } | undefined {
  if (outcome.error === undefined) {
    return outcome.status >= 400
      ? { message: `HTTP ${outcome.status}`, type: defaultErrorType(outcome.status) }
      : undefined;
  }
  const failure = GatewayError.from(outcome.error);
  return { message: failure.message, type: failure.type };
}

function timeToFirstToken(context: GatewayContext, end: number): number | null {
  const { start, firstToken } = context.timings;
  if (firstToken !== undefined) return firstToken - start;
  if (context.request.stream) return null;
  if (context.result === undefined && context.cacheStatus !== 'HIT') return null;
  // A non-streamed answer reaches the client whole: its first token arrives with it.
  const answered = lastSuccess(context.attempts)?.endTime ?? end;
  return answered - start;
}

/**
 * Builds the request's log record from its context once it is complete. Pure: reads the
 * context, the outcome and what the middleware observed.
 */
export function buildLogRecord(
  context: GatewayContext,
  outcome: RequestOutcome,
  observed: ObservedOutput = {},
): RequestLogRecord {
  return buildRecord(context, outcome, observed.finishReason, observed.io);
}

/**
 * {@link buildLogRecord} with what the middleware observed as arguments (the request log's
 * per-request path: no intermediate object).
 */
export function buildRecord(
  context: GatewayContext,
  outcome: RequestOutcome,
  observedFinishReason: string | undefined,
  io: CapturedIo | undefined,
): RequestLogRecord {
  const timings = context.timings;
  const start = timings.start;
  const end = timings.end ?? context.clock.now();
  const failure = failureOf(outcome);
  const principal = context.principal;
  const routing = context.routing;
  const request = context.request;
  const resolved = context.resolved;
  const result = context.result;
  const attempts = context.attempts;
  const lastAttempt = attempts[attempts.length - 1];
  const finishReason = result?.finishReason.unified ?? observedFinishReason ?? null;
  return {
    generationId: context.generationId,
    time: isoTime(start),
    endpoint: context.endpoint,
    principalId: principal?.id ?? null,
    projectId: principal?.projectId ?? null,
    keyPrefix: principal?.keyPrefix ?? null,
    requestedModel: request.model,
    model: resolved?.model ?? request.model,
    provider: resolved?.provider ?? lastAttempt?.provider ?? null,
    providerModelId: resolved?.providerModelId ?? lastAttempt?.providerModelId ?? null,
    responseId: result?.response.id ?? lastSuccess(attempts)?.providerResponseId ?? null,
    attempts: attemptsOf(attempts),
    status: outcome.status,
    error: failure?.message ?? null,
    errorType: failure?.type ?? null,
    finishReason,
    tokens: tokensOf(context),
    // A copy: the record outlives the request and must not share its cost object.
    cost: context.cost ? { ...context.cost } : null,
    latencyMs: end - start,
    ttftMs: timeToFirstToken(context, end),
    cacheStatus: context.cacheStatus ?? null,
    stream: request.stream,
    aborted: outcome.aborted,
    routing: routing
      ? {
          canonicalSlug: routing.canonicalSlug,
          fallbacksAvailable: [...routing.fallbacksAvailable],
          planningReasoning: routing.planningReasoning,
        }
      : null,
    user: request.user ?? null,
    metadata: request.metadata ? { ...request.metadata } : null,
    io: io ?? null,
  };
}
