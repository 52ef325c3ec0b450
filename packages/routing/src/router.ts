import {
  defineMiddleware,
  GatewayError,
  type GatewayContext,
  type GatewayMiddleware,
  type ProviderAdapter,
  type RoutingInfo,
  systemClock,
} from '@signalbox/core';
import { sleep as timerSleep, timeoutError } from './abort.js';
import { AttemptAbort } from './attempt-abort.js';
import { type Catalog, createCatalog, missingProviders } from './catalog.js';
import { Cooldown } from './cooldown.js';
import { MemoryCooldownStore } from './cooldown-store.js';
import { type ExecuteShared, executePlan } from './execute-plan.js';
import { formatPath } from './format-issue.js';
import { loadCatalog } from './load-catalog.js';
import { catalogModelsRoutes } from './models-route.js';
import { buildPlan, type PlanEntry, planningReasoning } from './plan.js';
import { ProviderStats } from './provider-stats.js';
import { type RouterOptions, routerOptionsSchema } from './router-options.js';
import { readRoutingPreferences, stripRoutingFields } from './routing-preferences.js';
import { schedule } from './schedule.js';
import { runTimedAttempt, type TimedAttemptOptions } from './timed-attempt.js';

function isCatalog(value: unknown): value is Catalog {
  return typeof value === 'object' && value !== null && typeof (value as Catalog).find === 'function';
}

function resolveCatalog(catalog: RouterOptions['catalog']): Catalog {
  if (catalog === undefined) return createCatalog({ models: [] });
  if (typeof catalog === 'string') return loadCatalog(catalog);
  return isCatalog(catalog) ? catalog : createCatalog(catalog);
}

function routingInfo(
  context: GatewayContext,
  catalog: Catalog,
  plan: PlanEntry[],
  skipped: PlanEntry[],
  allCooling: boolean,
): RoutingInfo {
  const original = context.request.model;
  const primary = catalog.find(original);
  const primaryModel = primary?.id ?? original;
  let reasoning: string | undefined;
  return {
    originalModelId: original,
    canonicalSlug: primary?.canonicalSlug ?? original,
    plan: plan.map((entry) => ({
      model: entry.model,
      canonicalSlug: entry.canonicalSlug,
      provider: entry.provider,
      providerModelId: entry.providerModelId,
    })),
    fallbacksAvailable: plan
      .filter((entry) => entry.model === primaryModel)
      .slice(1)
      .map((entry) => entry.provider),
    // Written on first read: most requests never read it.
    get planningReasoning() {
      reasoning ??= planningReasoning(plan, skipped, allCooling);
      return reasoning;
    },
    set planningReasoning(value: string) {
      reasoning = value;
    },
  };
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

  function checkProviders(providers: ReadonlyMap<string, ProviderAdapter>): void {
    if (verified.has(providers)) return;
    const missing = missingProviders(catalog, providers.keys());
    if (missing.length > 0) {
      throw new GatewayError(
        `Router misconfigured: the catalog names providers this gateway does not have: ${missing.join('; ')}. ` +
          `Available providers: ${[...providers.keys()].join(', ')}.`,
        { status: 500, type: 'api_error', code: 'router_misconfigured', isRetryable: false },
      );
    }
    verified.add(providers);
  }

  async function routeRequest(context: GatewayContext): Promise<void> {
    checkProviders(context.providers);
    const preferences = readRoutingPreferences(context.request);
    const plan = buildPlan({
      catalog,
      providers: context.providers,
      preferences,
      request: context.request,
      stats,
      ...(context.principal?.providerKeys && { providerKeys: context.principal.providerKeys }),
      ...(context.preferredProvider !== undefined && { preferredProvider: context.preferredProvider }),
    });
    const scheduled = await schedule(plan, cooldown);
    context.routing = routingInfo(
      context,
      catalog,
      scheduled.entries.map((item) => item.entry),
      scheduled.skipped,
      scheduled.force,
    );
    const request = stripRoutingFields(context.request);
    // The total deadline: aborted by the client too, so waits and attempts stop either way.
    const total = options.totalTimeoutMs;
    const deadline = total === undefined ? undefined : new AttemptAbort([context.signal]);
    deadline?.arm(total, () =>
      timeoutError(`The request exceeded the total deadline of ${total} ms.`, 'total_timeout'),
    );
    const signal = deadline?.signal ?? context.signal;
    try {
      const attemptOptions: TimedAttemptOptions = {
        request,
        ...(options.attemptTimeoutMs !== undefined && { attemptTimeoutMs: options.attemptTimeoutMs }),
        ...(options.firstTokenTimeoutMs !== undefined && {
          firstTokenTimeoutMs: options.firstTokenTimeoutMs,
        }),
        ...(deadline && { deadline: deadline.signal }),
        stats,
        clock,
      };
      await executePlan(context, scheduled.entries, shared, {
        signal,
        ...(deadline && { deadline: deadline.signal }),
        force: scheduled.force,
        attempt: (entry) =>
          runTimedAttempt(
            context,
            entry,
            context.providers.get(entry.provider) as ProviderAdapter,
            attemptOptions,
          ),
      });
    } finally {
      deadline?.release();
    }
  }

  const routes = options.modelsRoute === false ? [] : catalogModelsRoutes(catalog, { clock });
  return defineMiddleware(
    'router',
    async function router(context: GatewayContext) {
      // Already answered by an outer middleware (a cache hit, an estimate): nothing to route.
      if (context.result || context.stream || context.response) return;
      await routeRequest(context);
    },
    { routes },
  );
}
