import {
  defineMiddleware,
  type GatewayContext,
  GatewayError,
  type GatewayMiddleware,
  type RequestOutcome,
  tapStream,
} from '@signalbox/core';
import { AbortWatch, type WatchedRequest } from './abort-watch.js';
import type { BudgetWindow } from './budget-store.js';
import { budgetExceededError, budgetWindows, configuredBudgets } from './budgets.js';
import { type CostBreakdown, toCostInfo } from './compute-cost.js';
import { type CostOptions, type CostSettings, parseCostOptions } from './cost-options.js';
import { estimateRequest, worstCaseCost } from './estimate.js';
import { generationRoute } from './generation-route.js';
import { buildLedgerEntry } from './ledger-record.js';
import { RequestAccount } from './request-account.js';
import { tokenDetailsExtension } from './usage-extension.js';

declare module '@signalbox/core' {
  interface GatewayState {
    /** Set by `@signalbox/cost`: the request's cost with all its parts, once known. */
    cost?: CostBreakdown;
  }
}

interface Reservation {
  budgets: BudgetWindow[];
  amount: string;
}

/** Whether a request asks for an estimate; a value other than true/false is a 400 naming the header. */
function wantsEstimate(value: string | undefined, header: string): boolean {
  if (value === undefined) return false;
  const normalized = value.trim().toLowerCase();
  if (normalized === 'true' || normalized === '1') return true;
  if (normalized === 'false' || normalized === '0' || normalized === '') return false;
  throw new GatewayError(`Invalid ${header} header: expected 'true' or 'false', got '${value}'`, {
    status: 400,
    code: 'invalid_header',
    param: header,
  });
}

async function reserve(context: GatewayContext, settings: CostSettings): Promise<Reservation | undefined> {
  const { principal } = context;
  if (settings.budgets === undefined || principal === undefined) return undefined;
  const limits =
    typeof settings.budgets === 'function'
      ? await settings.budgets(principal)
      : configuredBudgets(settings.budgets, principal);
  if (limits === undefined) return undefined;
  const budgets = budgetWindows(principal, limits, (settings.clock ?? context.clock).now());
  if (budgets.length === 0) return undefined;
  const amount = worstCaseCost(context, settings) ?? '0';
  const outcome = await settings.budgetStore.reserve(budgets, amount);
  if (!outcome.ok) throw budgetExceededError(outcome, amount);
  return { budgets, amount };
}

/**
 * Cost accounting for every model call: prices it exactly from the usage (cache reads and writes
 * at their own rates, BYOK per the operator's rule, cache hits at 0) and sets `ctx.cost` when the
 * result or the stream's `finish` arrives, before the response's final chunk is written (so
 * `@signalbox/metadata` renders it); writes one ledger entry per request when it ends (also when
 * the client aborts a stream: what was streamed is charged, estimated); reserves the worst-case
 * cost against the principal's budgets before the call and settles it to the real cost after
 * (402 `budget_exceeded` when a budget has no room); answers `x-signalbox-estimate: true`
 * requests with an estimate instead of calling a provider; serves `GET /generation?id=`.
 *
 * Place it after authentication and before the cache and the router:
 *
 * @example
 * ```ts
 * createGateway({ providers, use: [apiKeyAuth({ keys }), cost({ budgets: { defaultKey: { daily: '5' } } }), metadata(), router()] });
 * ```
 */
export function cost(options: CostOptions = {}): GatewayMiddleware {
  const settings = parseCostOptions(options);
  const { ledger, budgetStore, logger } = settings;

  /** Writes the ledger entry; a failure is logged, never thrown. */
  async function write(
    context: GatewayContext,
    account: RequestAccount,
    breakdown: CostBreakdown | undefined,
    outcome: RequestOutcome,
  ): Promise<void> {
    try {
      await ledger.insert(buildLedgerEntry(context, account, breakdown, outcome));
    } catch (error) {
      logger.warn('Could not write a ledger entry', {
        generationId: context.generationId,
        error: error instanceof Error ? error.message : String(error),
      });
    }
  }

  /** Settles the budget reservation to the real cost, then writes the ledger entry. */
  async function settleAndWrite(
    context: GatewayContext,
    account: RequestAccount,
    reservation: Reservation,
    breakdown: CostBreakdown | undefined,
    outcome: RequestOutcome,
  ): Promise<void> {
    try {
      await budgetStore.settle(reservation.budgets, reservation.amount, breakdown?.total ?? '0');
    } catch (error) {
      logger.warn('Could not settle a budget reservation', {
        generationId: context.generationId,
        error: error instanceof Error ? error.message : String(error),
      });
    }
    await write(context, account, breakdown, outcome);
  }

  /** The end of a request: its cost, the budget settled, the ledger entry written. */
  function finish(
    context: GatewayContext,
    account: RequestAccount,
    reservation: Reservation | undefined,
    outcome: RequestOutcome,
  ): Promise<void> {
    let breakdown: CostBreakdown | undefined;
    try {
      breakdown = account.settle();
    } catch (error) {
      logger.warn('Could not price a request', { generationId: context.generationId, error: String(error) });
    }
    if (breakdown !== undefined) {
      context.state.cost = breakdown;
      context.cost ??= toCostInfo(breakdown);
    }
    return reservation
      ? settleAndWrite(context, account, reservation, breakdown, outcome)
      : write(context, account, breakdown, outcome);
  }

  // Client aborts: a request whose response never winds down after its client went away is
  // written anyway, after the grace period (a transport that never finishes its stream).
  const aborts = new AbortWatch(settings.abortGraceMs);

  /**
   * One request's accounting (`RequestAccount`) and its end: the abort watch, the one `finish`.
   * One object per request.
   */
  class CostRequest extends RequestAccount implements WatchedRequest {
    private done = false;
    readonly signal: AbortSignal;
    abortedAt: number | undefined;

    constructor(
      context: GatewayContext,
      private readonly reservation: Reservation | undefined,
    ) {
      super(context, settings);
      this.signal = context.signal;
    }

    /** Ends the request's accounting, once (later calls do nothing). */
    complete(outcome: RequestOutcome): Promise<void> | undefined {
      if (this.done) return undefined;
      this.done = true;
      aborts.unwatch(this);
      return finish(this.context, this, this.reservation, outcome);
    }

    /**
     * The client went away and the response did not wind down within the grace period: the
     * ledger entry is written now, as cancelled.
     */
    expire(): void {
      this.complete({ status: this.context.request.stream ? 200 : 499, aborted: true })?.catch(
        () => undefined,
      );
    }
  }

  const middleware = defineMiddleware(
    'cost',
    async function cost(context, next) {
      const header = settings.estimateHeader;
      if (header !== undefined && wantsEstimate(context.http.headers[header], header)) {
        const estimate = await estimateRequest(context, settings);
        context.response = { status: 200, headers: {}, body: { type: 'json', value: estimate } };
        return;
      }
      const reservation =
        settings.budgets === undefined || context.principal === undefined
          ? undefined
          : await reserve(context, settings);
      const account = new CostRequest(context, reservation);
      aborts.watch(account);
      context.onDone.push((_current, outcome) => account.complete(outcome));
      context.extenders.push(tokenDetailsExtension);
      await next();
      if (context.result) {
        const breakdown = account.price(context.result.usage, context.result.providerMetadata);
        if (breakdown) {
          context.cost = toCostInfo(breakdown);
          context.state.cost = breakdown;
        }
      } else if (context.stream) {
        context.stream = tapStream(context.stream, (part) => {
          account.observe(part);
          if (part.type === 'finish' && account.breakdown) {
            context.cost = toCostInfo(account.breakdown);
            context.state.cost = account.breakdown;
          }
        });
      }
    },
    {
      ...(settings.generationPath !== undefined && {
        routes: [generationRoute(ledger, settings.generationPath)],
      }),
      close: async () => {
        await ledger.close?.();
        await budgetStore.close?.();
      },
    },
  );
  return middleware as GatewayMiddleware;
}
