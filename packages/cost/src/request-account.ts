import type { FinishReason, GatewayContext, ProviderMetadata, StreamPart, Usage } from '@signalbox/core';
import { billableTokens, type TokenFallbacks } from './billable-tokens.js';
import { type ByokRule, type CostBreakdown, computeCost } from './compute-cost.js';
import {
  approximateInputTokens,
  approximateOutputTokens,
  countImages,
  measureRequest,
} from './estimate-tokens.js';
import type { ModelPrice } from './model-price.js';
import type { PriceCatalog } from './price-catalog.js';

/** What pricing a request needs from the options. */
export interface AccountSettings {
  catalog: PriceCatalog;
  byokRule: ByokRule | undefined;
  charactersPerToken: number;
}

/** The part of `ctx.state.cache` (set by `@signalbox/cache`) the cost reads, by shape. */
interface CacheStateShape {
  sourceGenerationId?: unknown;
  storedUsage?: Usage;
}

/** The price of what costs nothing (a cache hit of an unpriced model). */
const FREE: ModelPrice = Object.freeze({ input: '0', output: '0' });

/** A request's estimates of counts its usage lacks: from the request, and from the output seen. */
class RequestFallbacks implements TokenFallbacks {
  constructor(
    private readonly context: GatewayContext,
    private readonly settings: AccountSettings,
    private readonly account: RequestAccount,
  ) {}

  input(): number {
    return approximateInputTokens(measureRequest(this.context.request), this.settings.charactersPerToken);
  }

  output(): number {
    return approximateOutputTokens(this.account.outputCharacters, this.settings.charactersPerToken);
  }
}

function record(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}

/** The response cache's record of a request (`ctx.state.cache`), if any. */
export function cacheStateOf(context: GatewayContext): CacheStateShape | undefined {
  return record((context.state as Record<string, unknown>).cache) as CacheStateShape | undefined;
}

/**
 * Cache writes with the 1-hour TTL, from Anthropic's `usage.cache_creation.ephemeral_1h_input_tokens`
 * (in the usage's `raw`, or the provider metadata's `anthropic.usage`). 0 when not reported.
 */
export function cacheWrite1hTokens(usage: Usage | undefined, metadata: ProviderMetadata | undefined): number {
  const fromRaw = record(usage?.raw?.cache_creation)?.ephemeral_1h_input_tokens;
  const fromMetadata = record(record(metadata?.anthropic?.usage)?.cache_creation)?.ephemeral_1h_input_tokens;
  const value = typeof fromRaw === 'number' ? fromRaw : fromMetadata;
  return typeof value === 'number' && Number.isFinite(value) ? value : 0;
}

/**
 * One request's accounting: watches its stream (output seen so far, the finish), prices the
 * result or the finish when it comes, and prices what was delivered when the request ends
 * without a finish (an abort or a failure mid-stream: estimated).
 */
export class RequestAccount {
  /** Characters of output seen in the stream (text, reasoning, tool input, refusals). */
  outputCharacters = 0;
  /** The stream's finish part, when it came. */
  finish: Extract<StreamPart, { type: 'finish' }> | undefined;
  /** The cost, once known. */
  breakdown: CostBreakdown | undefined;
  /** Tool calls whose input was streamed (made on the first streamed tool input). */
  private streamedTools: Set<string> | undefined;
  /** The estimates of unknown counts (made on first use). */
  private tokenFallbacks: TokenFallbacks | undefined;

  constructor(
    /** The request accounted for. */
    protected readonly context: GatewayContext,
    private readonly settings: AccountSettings,
  ) {}

  /** Watches one stream part as it passes; prices the request at `finish`. */
  observe(part: StreamPart): void {
    switch (part.type) {
      case 'text-delta':
      case 'reasoning-delta':
      case 'refusal-delta':
        this.outputCharacters += part.delta.length;
        break;
      case 'tool-input-start':
        if (this.streamedTools === undefined) this.streamedTools = new Set();
        this.streamedTools.add(part.id);
        this.outputCharacters += part.toolName.length;
        break;
      case 'tool-input-delta':
        this.outputCharacters += part.delta.length;
        break;
      case 'tool-call':
        if (this.streamedTools?.has(part.toolCallId) !== true)
          this.outputCharacters += part.toolName.length + part.input.length;
        break;
      case 'finish':
        this.finish = part;
        this.price(part.usage, part.providerMetadata);
        break;
      default:
        break;
    }
  }

  /** The finish reason of the result or the stream, if any. */
  finishReason(): FinishReason | undefined {
    return this.context.result?.finishReason ?? this.finish?.finishReason;
  }

  private fallbacks(): TokenFallbacks {
    this.tokenFallbacks ??= new RequestFallbacks(this.context, this.settings, this);
    return this.tokenFallbacks;
  }

  private priceOf(): ModelPrice | undefined {
    const resolved = this.context.resolved;
    return this.settings.catalog.lookup(
      resolved?.model ?? this.context.request.model,
      resolved && { provider: resolved.provider, providerModelId: resolved.providerModelId },
    );
  }

  /**
   * Prices a usage (undefined: nothing reported, all estimated). A cache hit is charged 0 whatever
   * the price, its `cacheDiscount` being what the stored response cost. Unpriced: stays undefined.
   */
  price(usage: Usage | undefined, metadata?: ProviderMetadata): CostBreakdown | undefined {
    const { context, settings } = this;
    const hit = context.cacheStatus === 'HIT';
    const price = this.priceOf() ?? (hit ? FREE : undefined);
    if (price === undefined) return undefined;
    const billed = hit ? (cacheStateOf(context)?.storedUsage ?? usage) : usage;
    const successful = context.attempts.findLast((attempt) => attempt.success);
    this.breakdown = computeCost({
      tokens: billableTokens(billed, this.fallbacks(), cacheWrite1hTokens(billed, metadata)),
      price,
      isByok: successful?.credentialType === 'byok',
      byokRule: settings.byokRule,
      cacheHit: hit,
      // Images count only at a per-image price.
      images: price.image !== undefined ? countImages(context.request) : 0,
    });
    return this.breakdown;
  }

  /**
   * The cost at the end of the request. Priced already (a result, a finished stream): that.
   * A stream that ended without its finish (the client went away, the provider failed mid-way):
   * the input (estimated from the request) and the output seen so far, flagged `estimated`. No
   * output at all (the call failed, or a middleware answered): nothing was used, cost 0.
   */
  settle(): CostBreakdown | undefined {
    if (this.breakdown !== undefined) return this.breakdown;
    const { context } = this;
    if (context.stream !== undefined && this.finish === undefined) return this.price(undefined);
    if (context.result !== undefined)
      return this.price(context.result.usage, context.result.providerMetadata);
    const price = this.priceOf();
    if (price === undefined && context.cacheStatus !== 'HIT') return undefined;
    this.breakdown = computeCost({
      tokens: {
        noCache: 0,
        cacheRead: 0,
        cacheWrite5m: 0,
        cacheWrite1h: 0,
        output: 0,
        reasoning: 0,
        reasoningKnown: true,
        estimated: false,
      },
      price: price ?? FREE,
      cacheHit: context.cacheStatus === 'HIT',
    });
    return this.breakdown;
  }
}
