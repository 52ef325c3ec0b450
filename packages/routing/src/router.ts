import {
  type ChatRequest,
  defineMiddleware,
  GatewayError,
  type GatewayContext,
  type GatewayMiddleware,
  type ProviderAdapter,
  systemClock,
} from '@signalbox/core';
import { sleep as timerSleep, timeoutError } from './abort.js';
import { AttemptAbort } from './attempt-abort.js';
import { type Catalog, createCatalog, missingProviders } from './catalog.js';
import { Cooldown, isPromiseLike } from './cooldown.js';
import { MemoryCooldownStore } from './cooldown-store.js';
import { type ExecuteShared, executePlan } from './execute-plan.js';
import { formatPath } from './format-issue.js';
import { loadCatalog } from './load-catalog.js';
import { catalogModelsRoutes } from './models-route.js';
import { buildPlan } from './plan.js';
import { PlanCache } from './plan-cache.js';
import { ProviderStats } from './provider-stats.js';
import { type RouterOptions, routerOptionsSchema } from './router-options.js';
import { routingInfo, routingInfoFrom } from './routing-info.js';
import { hasRoutingOptions, readRoutingPreferences, stripRoutingFields } from './routing-preferences.js';
import { type Schedule, schedule } from './schedule.js';
import { PlanRun } from './plan-run.js';
import type { AttemptTiming } from './timed-attempt.js';

function isCatalog(value: unknown): value is Catalog {
  return typeof value === 'object' && value !== null && typeof (value as Catalog).find === 'function';
}

function resolveCatalog(catalog: RouterOptions['catalog']): Catalog {
  if (catalog === undefined) return createCatalog({ models: [] });
  if (typeof catalog === 'string') return loadCatalog(catalog);
  return isCatalog(catalog) ? catalog : createCatalog(catalog);
}

/**
 * The routing middleware, innermost in the pipeline: resolves the model through the catalog
 * (or `provider/model` pass-through), reads the request's routing options in both hosted styles,
 * plans the (model, provider) attempts, and runs them with retries (p-retry), `Retry-After`,
 * timeouts, fallback and cooldown, recording every attempt. Sets `ctx.routing`, then
 * `ctx.result` or `ctx.stream` (primed: a failure before the first content fell back already).
 * Also serves `GET /models` from the catalog.
 *
 * @example
 * createGateway({ providers, use: [router({ catalog: 'catalog.yaml', retries: 1 })] })
 */
export function router(options: RouterOptions = {}): GatewayMiddleware {
  const parsed = routerOptionsSchema.safeParse(
    options.cooldown === false ? { ...options, cooldown: undefined } : options,
  );
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new TypeError(
      `router: invalid option ${formatPath(issue?.path ?? []) || '(root)'}: ${issue?.message}`,
    );
  }
  const catalog = resolveCatalog(options.catalog);
  if (options.providers) {
    const missing = missingProviders(catalog, options.providers);
    if (missing.length > 0)
      throw new TypeError(`router: the catalog names unknown providers: ${missing.join('; ')}`);
  }
  const clock = options.clock ?? systemClock;
  const stats = options.stats ?? new ProviderStats();
  const cooldownOptions = options.cooldown === false ? undefined : (options.cooldown ?? {});
  const cooldown =
    cooldownOptions &&
    new Cooldown({
      ...cooldownOptions,
      clock,
      store: cooldownOptions.store ?? new MemoryCooldownStore({ clock }),
    });
  const shared: ExecuteShared = {
    retries: options.retries ?? 1,
    maxRetryAfterMs: options.maxRetryAfterMs ?? 10_000,
    backoff: { minMs: options.backoff?.minMs ?? 250, maxMs: options.backoff?.maxMs ?? 4_000 },
    random: options.random ?? Math.random,
    sleep: options.sleep ?? timerSleep,
    ...(cooldown && { cooldown }),
  };
  const verified = new WeakSet<ReadonlyMap<string, ProviderAdapter>>();
  let lastVerified: ReadonlyMap<string, ProviderAdapter> | undefined;

  function checkProviders(providers: ReadonlyMap<string, ProviderAdapter>): void {
    if (providers === lastVerified || verified.has(providers)) return;
    const missing = missingProviders(catalog, providers.keys());
    if (missing.length > 0) {
      throw new GatewayError(
        `Router misconfigured: the catalog names providers this gateway does not have: ${missing.join('; ')}. ` +
          `Available providers: ${[...providers.keys()].join(', ')}.`,
        { status: 500, type: 'api_error', code: 'router_misconfigured', isRetryable: false },
      );
    }
    verified.add(providers);
    lastVerified = providers;
  }

  const plans = new PlanCache(catalog);
  const timing: AttemptTiming = {
    ...(options.attemptTimeoutMs !== undefined && { attemptTimeoutMs: options.attemptTimeoutMs }),
    ...(options.firstTokenTimeoutMs !== undefined && { firstTokenTimeoutMs: options.firstTokenTimeoutMs }),
    stats,
    clock,
  };
  const total = options.totalTimeoutMs;

  /**
   * The schedule of a request, and `ctx.routing` set. A request without routing options and
   * without BYOK keys (the common case) takes its plan from the cache: no preferences read, no
   * plan built, and with nothing cooling down no schedule made either.
   */
  function plan(context: GatewayContext, bare: boolean): Schedule | Promise<Schedule> {
    const { request, providers } = context;
    const providerKeys = context.principal?.providerKeys;
    if (bare && providerKeys === undefined) {
      const preferred = context.preferredProvider;
      const cached =
        plans.get(providers, request.model, preferred) ??
        plans.add(
          providers,
          request.model,
          preferred,
          buildPlan({
            catalog,
            providers,
            preferences: { models: [request.model], allowFallbacks: true, requireParameters: false },
            request,
            stats,
            ...(preferred !== undefined && { preferredProvider: preferred }),
          }),
        );
      const scheduled = schedule(cached.plan, cooldown, cached.clear);
      if (scheduled === cached.clear) {
        context.routing = routingInfoFrom(request.model, cached);
        return scheduled;
      }
      return withRouting(context, scheduled);
    }
    const preferences = readRoutingPreferences(request);
    const built = buildPlan({
      catalog,
      providers,
      preferences,
      request,
      stats,
      ...(providerKeys && { providerKeys }),
      ...(context.preferredProvider !== undefined && { preferredProvider: context.preferredProvider }),
    });
    return withRouting(context, schedule(built, cooldown));
  }

  function setRouting(context: GatewayContext, scheduled: Schedule): Schedule {
    context.routing = routingInfo(
      context.request.model,
      catalog,
      scheduled.entries.map((item) => item.entry),
      scheduled.skipped,
      scheduled.force,
    );
    return scheduled;
  }

  function withRouting(
    context: GatewayContext,
    scheduled: Schedule | Promise<Schedule>,
  ): Schedule | Promise<Schedule> {
    return isPromiseLike(scheduled)
      ? scheduled.then((value) => setRouting(context, value))
      : setRouting(context, scheduled);
  }

  /** Runs a scheduled plan, within the total deadline when there is one. */
  function runPlan(context: GatewayContext, scheduled: Schedule, bare: boolean): Promise<void> {
    const request = bare ? context.request : stripRoutingFields(context.request);
    if (total === undefined) {
      const run = new PlanRun(context, timing, request, context.signal);
      return executePlan(context, scheduled.entries, shared, run, scheduled.force);
    }
    return runWithinDeadline(context, scheduled, request, total);
  }

  async function runWithinDeadline(
    context: GatewayContext,
    scheduled: Schedule,
    request: ChatRequest,
    ms: number,
  ): Promise<void> {
    // The total deadline: aborted by the client too, so waits and attempts stop either way.
    const deadline = new AttemptAbort([context.signal]);
    deadline.arm(ms, () =>
      timeoutError(`The request exceeded the total deadline of ${ms} ms.`, 'total_timeout'),
    );
    try {
      const run = new PlanRun(context, timing, request, deadline.signal, deadline.signal);
      await executePlan(context, scheduled.entries, shared, run, scheduled.force);
    } finally {
      deadline.release();
    }
  }

  /** Plans and runs a request; a promise in every case (a failure to plan rejects it). */
  function routeRequest(context: GatewayContext): Promise<void> {
    try {
      checkProviders(context.providers);
      // No routing options: the defaults, nothing to strip.
      const bare = !hasRoutingOptions(context.request);
      const planned = plan(context, bare);
      return isPromiseLike(planned)
        ? planned.then((scheduled) => runPlan(context, scheduled, bare))
        : runPlan(context, planned, bare);
    } catch (error) {
      return Promise.reject(error);
    }
  }

  const routes = options.modelsRoute === false ? [] : catalogModelsRoutes(catalog, { clock });
  return defineMiddleware(
    'router',
    function router(context: GatewayContext): Promise<void> {
      // Already answered by an outer middleware (a cache hit, an estimate): nothing to route.
      if (context.result || context.stream || context.response) return Promise.resolve();
      return routeRequest(context);
    },
    { routes },
  );
}
