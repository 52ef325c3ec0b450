import type { Usage } from '@signalbox/core';

/**
 * The token counts a cost is computed from: every count known (a number), with `estimated` set
 * when any was inferred rather than reported. Input is split by how it is priced; `reasoning`
 * is the part of `output` that was reasoning (`reasoningKnown` false when not reported).
 */
export interface BillableTokens {
  /** Input tokens read neither from nor into the prompt cache. */
  noCache: number;
  cacheRead: number;
  /** Cache writes at the default (5-minute) TTL. */
  cacheWrite5m: number;
  /** Cache writes with the 1-hour TTL. */
  cacheWrite1h: number;
  /** All output tokens, reasoning included. */
  output: number;
  reasoning: number;
  reasoningKnown: boolean;
  estimated: boolean;
}

/** Estimates used when the provider did not report a count (e.g. a stream cut before `finish`). */
export interface TokenFallbacks {
  /** Input tokens, estimated from the request. */
  input: () => number;
  /** Output tokens, estimated from the output seen (streamed text so far). */
  output: () => number;
}

/** The sum of the known values, or undefined when none is known. */
function knownSum(a: number | undefined, b: number | undefined, c?: number | undefined): number | undefined {
  let total: number | undefined;
  if (a !== undefined) total = a;
  if (b !== undefined) total = (total ?? 0) + b;
  if (c !== undefined) total = (total ?? 0) + c;
  return total;
}

function inputTokens(usage: Usage, fallbacks: TokenFallbacks) {
  const { total, noCache, cacheRead, cacheWrite } = usage.inputTokens;
  const unknown =
    (noCache === undefined ? 1 : 0) + (cacheRead === undefined ? 1 : 0) + (cacheWrite === undefined ? 1 : 0);
  if (unknown === 0) {
    return {
      noCache: noCache as number,
      cacheRead: cacheRead as number,
      cacheWrite: cacheWrite as number,
      estimated: false,
    };
  }
  if (total !== undefined) {
    const rest = Math.max(0, total - (knownSum(noCache, cacheRead, cacheWrite) ?? 0));
    if (unknown === 1) {
      // The one unknown part is exactly what the total leaves.
      return {
        noCache: noCache ?? rest,
        cacheRead: cacheRead ?? rest,
        cacheWrite: cacheWrite ?? rest,
        estimated: false,
      };
    }
    // The split is not known: unknown cache parts count as none, the rest as uncached input.
    return {
      noCache: noCache ?? rest,
      cacheRead: cacheRead ?? 0,
      cacheWrite: cacheWrite ?? 0,
      estimated: true,
    };
  }
  const read = cacheRead ?? 0;
  const write = cacheWrite ?? 0;
  return {
    noCache: noCache ?? Math.max(0, fallbacks.input() - read - write),
    cacheRead: read,
    cacheWrite: write,
    estimated: true,
  };
}

function outputTokens(usage: Usage, fallbacks: TokenFallbacks) {
  const { total, text, reasoning } = usage.outputTokens;
  if (total !== undefined) {
    return {
      output: total,
      reasoning: reasoning ?? 0,
      reasoningKnown: reasoning !== undefined,
      estimated: false,
    };
  }
  if (text !== undefined && reasoning !== undefined) {
    return { output: text + reasoning, reasoning, reasoningKnown: true, estimated: false };
  }
  const known = knownSum(text, reasoning) ?? 0;
  return {
    output: Math.max(known, fallbacks.output()),
    reasoning: reasoning ?? 0,
    reasoningKnown: reasoning !== undefined,
    estimated: true,
  };
}

/**
 * The billable counts of a usage: unknown counts are derived where the others determine them
 * exactly (an unknown part of a known total), else estimated from `fallbacks` and flagged, never
 * silently 0. `cacheWrite1h` is how many of the cache writes used the 1-hour TTL (from the
 * provider's metadata); the rest are 5-minute writes.
 */
export function billableTokens(
  usage: Usage | undefined,
  fallbacks: TokenFallbacks,
  cacheWrite1h = 0,
): BillableTokens {
  if (usage === undefined) {
    return {
      noCache: fallbacks.input(),
      cacheRead: 0,
      cacheWrite5m: 0,
      cacheWrite1h: 0,
      output: fallbacks.output(),
      reasoning: 0,
      reasoningKnown: false,
      estimated: true,
    };
  }
  const input = inputTokens(usage, fallbacks);
  const output = outputTokens(usage, fallbacks);
  const longWrites = Math.min(Math.max(0, cacheWrite1h), input.cacheWrite);
  return {
    noCache: input.noCache,
    cacheRead: input.cacheRead,
    cacheWrite5m: input.cacheWrite - longWrites,
    cacheWrite1h: longWrites,
    output: output.output,
    reasoning: output.reasoning,
    reasoningKnown: output.reasoningKnown,
    estimated: input.estimated || output.estimated,
  };
}

/** Prompt tokens in all (uncached, cache reads and writes). */
export function promptTokens(tokens: BillableTokens): number {
  return tokens.noCache + tokens.cacheRead + tokens.cacheWrite5m + tokens.cacheWrite1h;
}
