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
  const all = source.attempts;
  const groups: VercelModelAttempt[] = [];
  if (all.length === 0) return groups;
  // Plain loops: a request makes a handful of attempts, usually one.
  const models: string[] = [];
  const members: Attempt[][] = [];
  for (const attempt of all) {
    const index = models.indexOf(attempt.model);
    if (index === -1) {
      models.push(attempt.model);
      members.push([attempt]);
    } else (members[index] as Attempt[]).push(attempt);
  }
  const plan = source.routing?.plan;
  for (let index = 0; index < models.length; index += 1) {
    const model = models[index] as string;
    const attempts = members[index] as Attempt[];
    let shown: Attempt | undefined;
    const providerAttempts: VercelProviderAttempt[] = [];
    for (const attempt of attempts) {
      if (attempt.success) shown = attempt;
      providerAttempts.push(providerAttempt(attempt));
    }
    const success = shown !== undefined;
    shown ??= attempts[attempts.length - 1] as Attempt;
    let canonicalSlug = model;
    if (plan !== undefined) {
      for (const entry of plan) {
        if (entry.model === model) {
          canonicalSlug = entry.canonicalSlug ?? model;
          break;
        }
      }
    }
    groups.push({
      modelId: `${shown.provider}:${shown.providerModelId}`,
      canonicalSlug,
      success,
      providerAttemptCount: attempts.length,
      providerAttempts,
    });
  }
  return groups;
}

/**
 * Vercel's `routing` object. From the router's plan (`context.routing`) when there is one;
 * without a router (core's default resolution) it is derived from `resolved` and the attempts:
 * no fallbacks, `planningReasoning: "Direct: <model>"`.
 */
export function vercelRouting(source: MetadataSource): VercelRouting {
  const modelAttempts = groupModelAttempts(source);
  const routing = source.routing;
  const resolved = source.resolved;
  const first = source.attempts[0];
  const primary = routing?.plan[0] ?? resolved ?? first;
  const servedModel = resolved?.model ?? first?.model ?? source.request.model;
  // Built key by key in the documented order, leaving out what is undefined (never `delete`).
  const value: Partial<VercelRouting> = {};
  const originalModelId = routing?.originalModelId ?? source.request.model;
  if (originalModelId !== undefined) value.originalModelId = originalModelId;
  const resolvedProvider = primary?.provider;
  if (resolvedProvider !== undefined) value.resolvedProvider = resolvedProvider;
  const resolvedProviderApiModelId = primary?.providerModelId;
  if (resolvedProviderApiModelId !== undefined) value.resolvedProviderApiModelId = resolvedProviderApiModelId;
  value.fallbacksAvailable = routing ? [...routing.fallbacksAvailable] : [];
  const planningReasoning = routing?.planningReasoning ?? `Direct: ${servedModel}`;
  if (planningReasoning !== undefined) value.planningReasoning = planningReasoning;
  const canonicalSlug = routing?.canonicalSlug ?? servedModel;
  if (canonicalSlug !== undefined) value.canonicalSlug = canonicalSlug;
  const finalProvider = resolved?.provider;
  if (finalProvider !== undefined) value.finalProvider = finalProvider;
  value.modelAttemptCount = modelAttempts.length;
  value.modelAttempts = modelAttempts;
  value.totalProviderAttemptCount = source.attempts.length;
  return value as VercelRouting;
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
  const gateway = { routing: vercelRouting(source) } as VercelGatewayMetadata;
  const cost = source.cost;
  if (cost !== undefined) {
    // As `...vercelCostFields(cost)` would: every key, even one whose value is undefined.
    gateway.cost = cost.total;
    gateway.marketCost = cost.market;
    gateway.inferenceCost = cost.inference;
    gateway.inputInferenceCost = cost.input;
    gateway.outputInferenceCost = cost.output;
  }
  gateway.generationId = source.generationId;
  return gateway;
}
