import type { ProviderAdapter } from '@signalbox/core';
import type { Catalog } from './catalog.js';
import { type PlanEntry, planningReasoning } from './plan.js';
import { fallbacksOf, type RoutingTemplate, routedModel } from './routing-info.js';
import { clearSchedule, type Schedule } from './schedule.js';

/** A plan made once for requests without routing options, and what each of them derives from it. */
export interface CachedPlan extends RoutingTemplate {
  readonly plan: PlanEntry[];
  /** The schedule while the cooldown knows none of its entries. */
  readonly clear: Schedule;
}

/** The plans of one gateway (its provider map): without a preferred provider, and with one. */
interface PlanMaps {
  plain: Map<string, CachedPlan>;
  preferred: Map<string, Map<string, CachedPlan>>;
  /** Plans in both. */
  size: number;
}

/** Options of the plan cache. */
export interface PlanCacheOptions {
  /** Most plans kept per gateway (oldest dropped first); default 1,000. */
  maxEntries?: number;
}

/**
 * The router's plans of requests that carry no routing options, by (gateway providers, model id,
 * preferred provider): such a plan depends on nothing else (the catalog is immutable, the
 * provider map of a gateway too), so it is built once. Bounded; only plans that built (an
 * unknown model's 404 is never stored).
 */
export class PlanCache {
  private readonly maps = new WeakMap<ReadonlyMap<string, ProviderAdapter>, PlanMaps>();
  private lastProviders: ReadonlyMap<string, ProviderAdapter> | undefined;
  private lastMaps: PlanMaps | undefined;
  private readonly maxEntries: number;

  constructor(
    private readonly catalog: Catalog,
    options: PlanCacheOptions = {},
  ) {
    this.maxEntries = options.maxEntries ?? 1_000;
  }

  private mapsOf(providers: ReadonlyMap<string, ProviderAdapter>): PlanMaps {
    if (providers === this.lastProviders && this.lastMaps) return this.lastMaps;
    let maps = this.maps.get(providers);
    if (!maps) {
      maps = { plain: new Map(), preferred: new Map(), size: 0 };
      this.maps.set(providers, maps);
    }
    this.lastProviders = providers;
    this.lastMaps = maps;
    return maps;
  }

  /** The cached plan of `model` (with `preferredProvider` first, when given), if any. */
  get(
    providers: ReadonlyMap<string, ProviderAdapter>,
    model: string,
    preferredProvider: string | undefined,
  ): CachedPlan | undefined {
    const maps = this.mapsOf(providers);
    return preferredProvider === undefined
      ? maps.plain.get(model)
      : maps.preferred.get(preferredProvider)?.get(model);
  }

  /** Stores the plan built for `model` (and `preferredProvider`), and returns it with its derived parts. */
  add(
    providers: ReadonlyMap<string, ProviderAdapter>,
    model: string,
    preferredProvider: string | undefined,
    plan: PlanEntry[],
  ): CachedPlan {
    const { canonicalSlug, primaryModel } = routedModel(this.catalog, model);
    const cached: CachedPlan = {
      plan,
      clear: clearSchedule(plan),
      canonicalSlug,
      fallbacksAvailable: fallbacksOf(plan, primaryModel),
      reasoning: planningReasoning(plan),
    };
    const maps = this.mapsOf(providers);
    const known =
      preferredProvider === undefined
        ? maps.plain.has(model)
        : maps.preferred.get(preferredProvider)?.has(model) === true;
    if (!known) {
      if (maps.size >= this.maxEntries) {
        // Simple and bounded: start over (a gateway's working set of models is far smaller).
        maps.plain.clear();
        maps.preferred.clear();
        maps.size = 0;
      }
      maps.size += 1;
    }
    let map = maps.plain;
    if (preferredProvider !== undefined) {
      let byPreferred = maps.preferred.get(preferredProvider);
      if (!byPreferred) {
        byPreferred = new Map();
        maps.preferred.set(preferredProvider, byPreferred);
      }
      map = byPreferred;
    }
    map.set(model, cached);
    return cached;
  }
}
