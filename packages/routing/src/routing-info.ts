import type { RoutingInfo } from '@signalbox/core';
import type { Catalog } from './catalog.js';
import { type PlanEntry, planningReasoning } from './plan.js';

/** What `ctx.routing` says of the requested model: its canonical slug, and its id as plan entries name it. */
export interface RoutedModel {
  canonicalSlug: string;
  /** The catalog id of the requested model, or the id as given (pass-through). */
  primaryModel: string;
}

/** The requested model as the catalog knows it (or as given, for a pass-through id). */
export function routedModel(catalog: Catalog, original: string): RoutedModel {
  const primary = catalog.find(original);
  return { canonicalSlug: primary?.canonicalSlug ?? original, primaryModel: primary?.id ?? original };
}

/** The providers after the first one of the primary model, in plan order. */
export function fallbacksOf(plan: readonly PlanEntry[], primaryModel: string): string[] {
  const fallbacks: string[] = [];
  let first = true;
  for (const entry of plan) {
    if (entry.model !== primaryModel) continue;
    if (first) first = false;
    else fallbacks.push(entry.provider);
  }
  return fallbacks;
}

/** The plan as `ctx.routing` shows it: fresh objects, so a middleware may change its copy. */
function planView(plan: readonly PlanEntry[]): RoutingInfo['plan'] {
  const view: RoutingInfo['plan'] = new Array(plan.length);
  for (let index = 0; index < plan.length; index += 1) {
    const entry = plan[index] as PlanEntry;
    view[index] = {
      model: entry.model,
      canonicalSlug: entry.canonicalSlug,
      provider: entry.provider,
      providerModelId: entry.providerModelId,
    };
  }
  return view;
}

/**
 * `ctx.routing` for a scheduled plan: `planningReasoning` is written on first read (most
 * requests never read it).
 */
export function routingInfo(
  original: string,
  catalog: Catalog,
  plan: PlanEntry[],
  skipped: PlanEntry[],
  allCooling: boolean,
): RoutingInfo {
  const { canonicalSlug, primaryModel } = routedModel(catalog, original);
  let reasoning: string | undefined;
  return {
    originalModelId: original,
    canonicalSlug,
    plan: planView(plan),
    fallbacksAvailable: fallbacksOf(plan, primaryModel),
    get planningReasoning() {
      reasoning ??= planningReasoning(plan, skipped, allCooling);
      return reasoning;
    },
    set planningReasoning(value: string) {
      reasoning = value;
    },
  };
}

/** What every request of one cached plan shares for its `ctx.routing` (see `PlanCache`). */
export interface RoutingTemplate {
  readonly plan: readonly PlanEntry[];
  readonly canonicalSlug: string;
  readonly fallbacksAvailable: readonly string[];
  /** `planningReasoning(plan)`: nothing skipped, not every entry cooling. */
  readonly reasoning: string;
}

/**
 * `ctx.routing` for a plan scheduled as planned (nothing cooling down), from its template: the
 * same fields and values as `routingInfo`, with the reasoning a plain string made once per plan.
 * The arrays and plan entries are fresh per request.
 */
export function routingInfoFrom(original: string, template: RoutingTemplate): RoutingInfo {
  return {
    originalModelId: original,
    canonicalSlug: template.canonicalSlug,
    plan: planView(template.plan),
    fallbacksAvailable: template.fallbacksAvailable.slice(),
    planningReasoning: template.reasoning,
  };
}
