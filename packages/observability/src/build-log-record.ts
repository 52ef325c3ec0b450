import { defaultErrorType, GatewayError, type GatewayContext, type RequestOutcome } from '@signalbox/core';
import type { CapturedIo, LogAttempt, LogTokens, RequestLogRecord } from './log-record.js';

/** What the middleware observed besides the context (a stream's finish reason, captured I/O). */
export interface ObservedOutput {
  finishReason?: string;
  io?: CapturedIo;
}

function iso(milliseconds: number): string {
  return new Date(milliseconds).toISOString();
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

function attemptsOf(context: GatewayContext): LogAttempt[] {
  return context.attempts.map((attempt) => ({
    model: attempt.model,
    provider: attempt.provider,
    providerModelId: attempt.providerModelId,
    credentialType: attempt.credentialType,
    startTime: iso(attempt.startTime),
    durationMs: attempt.endTime === undefined ? null : attempt.endTime - attempt.startTime,
    success: attempt.success,
    status: attempt.statusCode ?? null,
    error: attempt.error?.message ?? null,
    providerResponseId: attempt.providerResponseId ?? null,
  }));
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
  const answered = context.attempts.findLast((attempt) => attempt.success)?.endTime ?? end;
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
  const end = context.timings.end ?? context.clock.now();
  const failure = failureOf(outcome);
  const principal = context.principal;
  const routing = context.routing;
  const lastAttempt = context.attempts.at(-1);
  const finishReason = context.result?.finishReason.unified ?? observed.finishReason ?? null;
  return {
    generationId: context.generationId,
    time: iso(context.timings.start),
    endpoint: context.endpoint,
    principalId: principal?.id ?? null,
    projectId: principal?.projectId ?? null,
    keyPrefix: principal?.keyPrefix ?? null,
    requestedModel: context.request.model,
    model: context.resolved?.model ?? context.request.model,
    provider: context.resolved?.provider ?? lastAttempt?.provider ?? null,
    providerModelId: context.resolved?.providerModelId ?? lastAttempt?.providerModelId ?? null,
    responseId:
      context.result?.response.id ??
      context.attempts.findLast((attempt) => attempt.success)?.providerResponseId ??
      null,
    attempts: attemptsOf(context),
    status: outcome.status,
    error: failure?.message ?? null,
    errorType: failure?.type ?? null,
    finishReason,
    tokens: tokensOf(context),
    cost: context.cost ? { ...context.cost } : null,
    latencyMs: end - context.timings.start,
    ttftMs: timeToFirstToken(context, end),
    cacheStatus: context.cacheStatus ?? null,
    stream: context.request.stream,
    aborted: outcome.aborted,
    routing: routing
      ? {
          canonicalSlug: routing.canonicalSlug,
          fallbacksAvailable: [...routing.fallbacksAvailable],
          planningReasoning: routing.planningReasoning,
        }
      : null,
    user: context.request.user ?? null,
    metadata: context.request.metadata ? { ...context.request.metadata } : null,
    io: observed.io ?? null,
  };
}
