import type { Attempt, CostInfo, CredentialType } from '@signalbox/core';
import type { MetadataSource } from './metadata-source.js';

/** One call to one provider, as Vercel's `providerAttempts[]` lists it. */
export interface VercelProviderAttempt {
  provider: string;
  providerApiModelId: string;
  credentialType: CredentialType;
  success: boolean;
  /** Gateway clock milliseconds (`Date.now()` by default). */
  startTime: number;
  endTime?: number;
  providerRequestId?: string;
  statusCode?: number;
  providerResponseId?: string;
}

/** The attempts made for one model, as Vercel's `modelAttempts[]` lists them. */
export interface VercelModelAttempt {
  /** `provider:providerModelId` of the group's last attempt (the successful one when any succeeded). */
  modelId: string;
  canonicalSlug: string;
  success: boolean;
  providerAttemptCount: number;
  providerAttempts: VercelProviderAttempt[];
}

/** Vercel's `provider_metadata.gateway.routing`. */
export interface VercelRouting {
  originalModelId: string;
  resolvedProvider?: string;
  resolvedProviderApiModelId?: string;
  fallbacksAvailable: string[];
  planningReasoning: string;
  canonicalSlug: string;
  finalProvider?: string;
  modelAttemptCount: number;
  modelAttempts: VercelModelAttempt[];
  totalProviderAttemptCount: number;
}

/** Vercel's `provider_metadata.gateway`: cost fields are decimal strings, absent when unknown. */
export interface VercelGatewayMetadata {
  routing: VercelRouting;
  cost?: string;
  marketCost?: string;
  inferenceCost?: string;
  inputInferenceCost?: string;
  outputInferenceCost?: string;
  generationId: string;
}

function providerAttempt(attempt: Attempt): VercelProviderAttempt {
  const entry: VercelProviderAttempt = {
    provider: attempt.provider,
    providerApiModelId: attempt.providerModelId,
    credentialType: attempt.credentialType,
    success: attempt.success,
    startTime: attempt.startTime,
  };
  if (attempt.endTime !== undefined) entry.endTime = attempt.endTime;
  if (attempt.providerRequestId !== undefined) entry.providerRequestId = attempt.providerRequestId;
  if (attempt.statusCode !== undefined) entry.statusCode = attempt.statusCode;
  if (attempt.providerResponseId !== undefined) entry.providerResponseId = attempt.providerResponseId;
  return entry;
}

/**
 * Groups attempts by catalog model, in the order each model was first tried. `canonicalSlug`
 * comes from the routing plan when the model is in it, else it is the model id.
 */
export function groupModelAttempts(source: MetadataSource): VercelModelAttempt[] {
  const groups = new Map<string, Attempt[]>();
  for (const attempt of source.attempts) {
    const group = groups.get(attempt.model);
    if (group) group.push(attempt);
    else groups.set(attempt.model, [attempt]);
  }
  return [...groups].map(([model, attempts]) => {
    const shown = attempts.findLast((attempt) => attempt.success) ?? (attempts.at(-1) as Attempt);
    const planned = source.routing?.plan.find((entry) => entry.model === model);
    return {
      modelId: `${shown.provider}:${shown.providerModelId}`,
      canonicalSlug: planned?.canonicalSlug ?? model,
      success: attempts.some((attempt) => attempt.success),
      providerAttemptCount: attempts.length,
      providerAttempts: attempts.map(providerAttempt),
    };
  });
}

function compact<T extends object>(value: T): T {
  for (const key of Object.keys(value) as Array<keyof T>) if (value[key] === undefined) delete value[key];
  return value;
}

/**
 * Vercel's `routing` object. From the router's plan (`context.routing`) when there is one;
 * without a router (core's default resolution) it is derived from `resolved` and the attempts:
 * no fallbacks, `planningReasoning: "Direct: <model>"`.
 */
export function vercelRouting(source: MetadataSource): VercelRouting {
  const modelAttempts = groupModelAttempts(source);
  const routing = source.routing;
  const first = source.attempts[0];
  const primary =
    routing?.plan[0] ??
    source.resolved ??
    (first && { provider: first.provider, providerModelId: first.providerModelId });
  const servedModel = source.resolved?.model ?? first?.model ?? source.request.model;
  return compact({
    originalModelId: routing?.originalModelId ?? source.request.model,
    resolvedProvider: primary?.provider,
    resolvedProviderApiModelId: primary?.providerModelId,
    fallbacksAvailable: routing ? [...routing.fallbacksAvailable] : [],
    planningReasoning: routing?.planningReasoning ?? `Direct: ${servedModel}`,
    canonicalSlug: routing?.canonicalSlug ?? servedModel,
    finalProvider: source.resolved?.provider,
    modelAttemptCount: modelAttempts.length,
    modelAttempts,
    totalProviderAttemptCount: source.attempts.length,
  });
}

/** The cost fields of Vercel's gateway object, as decimal strings; none when the cost is unknown. */
export function vercelCostFields(cost: CostInfo | undefined): Partial<VercelGatewayMetadata> {
  if (cost === undefined) return {};
  return {
    cost: cost.total,
    marketCost: cost.market,
    inferenceCost: cost.inference,
    inputInferenceCost: cost.input,
    outputInferenceCost: cost.output,
  };
}

/** Vercel AI Gateway's `provider_metadata.gateway` object for a request. */
export function vercelGatewayMetadata(source: MetadataSource): VercelGatewayMetadata {
  return {
    routing: vercelRouting(source),
    ...vercelCostFields(source.cost),
    generationId: source.generationId,
  };
}
