import { type GatewayContext, isoTime, type RequestOutcome } from '@signalbox/core';
import { promptTokens } from './billable-tokens.js';
import type { CostBreakdown } from './compute-cost.js';
import type { LedgerAttempt, LedgerEntry } from './ledger-entry.js';
import { cacheStateOf, type RequestAccount } from './request-account.js';

function errorMessage(error: unknown): string | null {
  if (error === undefined || error === null) return null;
  return error instanceof Error ? error.message : String(error);
}

function attemptsOf(context: GatewayContext, breakdown: CostBreakdown | undefined): LedgerAttempt[] {
  const successful = context.attempts.findLast((attempt) => attempt.success);
  return context.attempts.map((attempt) => ({
    model: attempt.model,
    provider: attempt.provider,
    providerModelId: attempt.providerModelId,
    status: attempt.statusCode ?? null,
    success: attempt.success,
    isByok: attempt.credentialType === 'byok',
    latencyMs: attempt.endTime !== undefined ? attempt.endTime - attempt.startTime : null,
    providerResponseId: attempt.providerResponseId ?? null,
    error: attempt.error?.message ?? null,
    cost: attempt === successful ? (breakdown?.total ?? null) : breakdown ? '0' : null,
  }));
}

/**
 * The ledger entry of a finished request: who, which model and provider, billed tokens by kind,
 * the cost (null when unpriced), cache and BYOK flags, stream and cancellation, the finish
 * reasons, every attempt, and the times.
 */
export function buildLedgerEntry(
  context: GatewayContext,
  account: RequestAccount,
  breakdown: CostBreakdown | undefined,
  outcome: RequestOutcome,
): LedgerEntry {
  const { principal, resolved, timings } = context;
  const end = timings.end ?? context.clock.now();
  const successful = context.attempts.findLast((attempt) => attempt.success);
  // A cache hit used no tokens (its would-be cost is the cache discount).
  const tokens = context.cacheStatus === 'HIT' ? undefined : breakdown?.tokens;
  const finishReason = account.finishReason();
  const cache = cacheStateOf(context);
  return {
    generationId: context.generationId,
    createdAt: isoTime(timings.start),
    endpoint: context.endpoint,
    principalId: principal?.id ?? null,
    projectId: principal?.projectId ?? null,
    keyPrefix: principal?.keyPrefix ?? null,
    requestedModel: context.request.model,
    model: resolved?.model ?? context.request.model,
    provider: resolved?.provider ?? null,
    providerModelId: resolved?.providerModelId ?? null,
    upstreamId: successful?.providerResponseId ?? context.result?.response.id ?? null,
    tokens: {
      prompt: tokens ? promptTokens(tokens) : 0,
      completion: tokens?.output ?? 0,
      noCache: tokens?.noCache ?? 0,
      cacheRead: tokens?.cacheRead ?? 0,
      cacheWrite: tokens ? tokens.cacheWrite5m + tokens.cacheWrite1h : 0,
      cacheWrite1h: tokens?.cacheWrite1h ?? 0,
      reasoning: tokens?.reasoning ?? 0,
    },
    cost: breakdown?.total ?? null,
    marketCost: breakdown?.market ?? null,
    inferenceCost: breakdown?.inference ?? null,
    inputCost: breakdown?.input ?? null,
    outputCost: breakdown?.output ?? null,
    cacheDiscount: breakdown?.cacheDiscount ?? null,
    estimated: breakdown?.estimated ?? false,
    cached: context.cacheStatus === 'HIT',
    cacheSourceId: typeof cache?.sourceGenerationId === 'string' ? cache.sourceGenerationId : null,
    isByok: successful?.credentialType === 'byok',
    streamed: context.request.stream,
    cancelled: outcome.aborted,
    status: outcome.status,
    error: errorMessage(outcome.error),
    finishReason: finishReason?.unified ?? null,
    nativeFinishReason: finishReason?.raw ?? null,
    attempts: attemptsOf(context, breakdown),
    latencyMs: end - timings.start,
    timeToFirstTokenMs: timings.firstToken !== undefined ? timings.firstToken - timings.start : null,
    generationTimeMs: successful !== undefined ? end - successful.startTime : null,
  };
}
