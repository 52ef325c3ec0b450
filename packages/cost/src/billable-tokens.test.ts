import { emptyUsage, type Usage } from '@signalbox/core';
import { describe, expect, it } from 'vitest';
import { billableTokens, promptTokens } from './billable-tokens.js';

const fallbacks = { input: () => 40, output: () => 7 };

function usage(input: Partial<Usage['inputTokens']>, output: Partial<Usage['outputTokens']>): Usage {
  const empty = emptyUsage();
  return {
    inputTokens: { ...empty.inputTokens, ...input },
    outputTokens: { ...empty.outputTokens, ...output },
  };
}

describe('billableTokens', () => {
  it('takes complete counts as they are', () => {
    const tokens = billableTokens(
      usage(
        { total: 100, noCache: 10, cacheRead: 80, cacheWrite: 10 },
        { total: 20, text: 15, reasoning: 5 },
      ),
      fallbacks,
    );
    expect(tokens).toEqual({
      noCache: 10,
      cacheRead: 80,
      cacheWrite5m: 10,
      cacheWrite1h: 0,
      output: 20,
      reasoning: 5,
      reasoningKnown: true,
      estimated: false,
    });
    expect(promptTokens(tokens)).toBe(100);
  });

  it('derives the one unknown part of a known total exactly (OpenAI: no cache writes reported)', () => {
    const tokens = billableTokens(usage({ total: 100, noCache: 70, cacheRead: 30 }, { total: 9 }), fallbacks);
    expect(tokens).toMatchObject({ noCache: 70, cacheRead: 30, cacheWrite5m: 0, estimated: false });
    expect(tokens.reasoningKnown).toBe(false);
  });

  it('flags a total without its split as estimated, all of it uncached', () => {
    expect(billableTokens(usage({ total: 100 }, { total: 9 }), fallbacks)).toMatchObject({
      noCache: 100,
      cacheRead: 0,
      cacheWrite5m: 0,
      estimated: true,
    });
  });

  it('estimates unknown totals from the fallbacks, never 0', () => {
    expect(billableTokens(usage({}, {}), fallbacks)).toMatchObject({
      noCache: 40,
      output: 7,
      estimated: true,
    });
    expect(billableTokens(undefined, fallbacks)).toMatchObject({ noCache: 40, output: 7, estimated: true });
    expect(billableTokens(usage({ cacheRead: 30 }, { text: 3 }), fallbacks)).toMatchObject({
      noCache: 10,
      cacheRead: 30,
      output: 7,
      estimated: true,
    });
  });

  it('sums text and reasoning when the output total is missing', () => {
    expect(
      billableTokens(
        usage({ total: 1, noCache: 1, cacheRead: 0, cacheWrite: 0 }, { text: 4, reasoning: 6 }),
        fallbacks,
      ),
    ).toMatchObject({
      output: 10,
      reasoning: 6,
      estimated: false,
    });
  });

  it('splits cache writes by TTL', () => {
    const tokens = billableTokens(
      usage({ total: 1000, noCache: 10, cacheRead: 0, cacheWrite: 990 }, { total: 5 }),
      fallbacks,
      600,
    );
    expect(tokens).toMatchObject({ cacheWrite5m: 390, cacheWrite1h: 600 });
    expect(
      billableTokens(
        usage({ total: 10, noCache: 10, cacheRead: 0, cacheWrite: 0 }, { total: 1 }),
        fallbacks,
        50,
      ).cacheWrite1h,
    ).toBe(0);
  });
});
