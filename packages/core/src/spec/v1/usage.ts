/**
 * Token usage without losing data: a count the provider did not report is `undefined`,
 * never 0, so cost accounting can tell "unknown" from "none".
 */
export interface Usage {
  inputTokens: {
    /** All input tokens, cached or not. */
    total: number | undefined;
    noCache: number | undefined;
    cacheRead: number | undefined;
    cacheWrite: number | undefined;
  };
  outputTokens: {
    total: number | undefined;
    text: number | undefined;
    reasoning: number | undefined;
  };
  /** The provider's usage object as it came. */
  raw?: Record<string, unknown>;
}

/**
 * A usage with every count unknown (`undefined`, never 0): the starting point of adapters that fill
 * in what their provider reports.
 */
export function emptyUsage(): Usage {
  return {
    inputTokens: { total: undefined, noCache: undefined, cacheRead: undefined, cacheWrite: undefined },
    outputTokens: { total: undefined, text: undefined, reasoning: undefined },
  };
}
