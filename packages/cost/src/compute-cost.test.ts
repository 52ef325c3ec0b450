import { describe, expect, it } from 'vitest';
import type { BillableTokens } from './billable-tokens.js';
import { computeCost, toCostInfo } from './compute-cost.js';
import { formatDecimal, toDecimal } from './decimal.js';
import type { ModelPrice } from './model-price.js';

const haiku: ModelPrice = {
  input: '0.000001',
  output: '0.000005',
  cacheRead: '0.0000001',
  cacheWrite: '0.00000125',
  cacheWrite1h: '0.000002',
};

function tokens(overrides: Partial<BillableTokens> = {}): BillableTokens {
  return {
    noCache: 0,
    cacheRead: 0,
    cacheWrite5m: 0,
    cacheWrite1h: 0,
    output: 0,
    reasoning: 0,
    reasoningKnown: true,
    estimated: false,
    ...overrides,
  };
}

describe('computeCost', () => {
  it("reproduces the seed's Vercel numbers for claude-haiku-4.5 (22 in, 13 out)", () => {
    const cost = computeCost({ tokens: tokens({ noCache: 22, output: 13 }), price: haiku });
    expect(toCostInfo(cost)).toEqual({
      total: '0.000087',
      market: '0.000087',
      inference: '0.000087',
      input: '0.000022',
      output: '0.000065',
      cacheRead: '0',
      cacheWrite: '0',
      isByok: false,
      estimated: false,
    });
    expect(cost.cacheDiscount).toBe('0');
  });

  it('prices cache reads, 5-minute and 1-hour writes at their own rates', () => {
    // 10 uncached x 1e-6 + 3000 read x 1e-7 + 200 5m-writes x 1.25e-6 + 100 1h-writes x 2e-6 + 50 out x 5e-6
    const cost = computeCost({
      tokens: tokens({ noCache: 10, cacheRead: 3000, cacheWrite5m: 200, cacheWrite1h: 100, output: 50 }),
      price: haiku,
    });
    expect(cost.cacheRead).toBe('0.0003');
    expect(cost.cacheWrite).toBe('0.00045');
    expect(cost.input).toBe('0.00076');
    expect(cost.output).toBe('0.00025');
    expect(cost.total).toBe('0.00101');
    // list price of 3310 input tokens (0.00331) minus what they cost (0.00001 + 0.0003 + 0.00045)
    expect(cost.cacheDiscount).toBe('0.00255');
  });

  it('falls back to the input rate for cache counts of a model without cache prices', () => {
    const cost = computeCost({
      tokens: tokens({ noCache: 1, cacheRead: 2, cacheWrite5m: 3, cacheWrite1h: 4, output: 1 }),
      price: { input: '0.000001', output: '0.000002' },
    });
    expect(cost.input).toBe('0.00001');
    expect(cost.cacheDiscount).toBe('0');
  });

  it('prices reasoning apart only when it has its own rate and a known count', () => {
    const price = { input: '0', output: '0.00001', reasoning: '0.000002' };
    expect(computeCost({ tokens: tokens({ output: 100, reasoning: 60 }), price }).output).toBe('0.00052');
    const unknown = computeCost({ tokens: tokens({ output: 100, reasoningKnown: false }), price });
    expect(unknown.output).toBe('0.001');
    expect(unknown.estimated).toBe(true);
    expect(
      computeCost({
        tokens: tokens({ output: 100, reasoning: 60 }),
        price: { input: '0', output: '0.00001' },
      }).output,
    ).toBe('0.001');
  });

  it('adds per-request and per-image prices to the input part', () => {
    const cost = computeCost({
      tokens: tokens({ noCache: 1000, output: 10 }),
      price: { input: '0.000001', output: '0.000002', request: '0.005', image: '0.001' },
      images: 2,
    });
    expect(cost.fixed).toBe('0.007');
    expect(cost.input).toBe('0.008');
    expect(cost.total).toBe('0.00802');
  });

  it('BYOK shows the market cost and charges per the rule (default nothing)', () => {
    const usage = tokens({ noCache: 22, output: 13 });
    const free = computeCost({ tokens: usage, price: haiku, isByok: true });
    expect(free).toMatchObject({ total: '0', market: '0.000087', inference: '0.000087', isByok: true });
    const fee = computeCost({
      tokens: usage,
      price: haiku,
      isByok: true,
      byokRule: { fraction: '0.05', perRequest: '0.0001' },
    });
    expect(fee.total).toBe('0.00010435');
    const custom = computeCost({
      tokens: usage,
      price: haiku,
      isByok: true,
      byokRule: (market) => formatDecimal(toDecimal(market).div(2)),
    });
    expect(custom.total).toBe('0.0000435');
    expect(() => computeCost({ tokens: usage, price: haiku, isByok: true, byokRule: () => '-1' })).toThrow(
      RangeError,
    );
  });

  it('a cache hit costs nothing and records what it saved', () => {
    const hit = computeCost({ tokens: tokens({ noCache: 22, output: 13 }), price: haiku, cacheHit: true });
    expect(hit).toMatchObject({
      total: '0',
      market: '0',
      inference: '0',
      input: '0',
      output: '0',
      cached: true,
      cacheDiscount: '0.000087',
    });
  });

  it('equals the formula evaluated in full, term by term, for many counts and prices', () => {
    // The reference: every term computed and formatted, zero counts and absent rates included.
    const reference = (price: ModelPrice, t: BillableTokens, images: number) => {
      const rate = (value: string | undefined, fallback: string) => toDecimal(value ?? fallback);
      const input = toDecimal(price.input);
      const uncached = input.times(t.noCache);
      const read = rate(price.cacheRead, price.input).times(t.cacheRead);
      const writeRate = rate(price.cacheWrite, price.input);
      const write = writeRate
        .times(t.cacheWrite5m)
        .plus(
          (price.cacheWrite1h !== undefined ? toDecimal(price.cacheWrite1h) : writeRate).times(
            t.cacheWrite1h,
          ),
        );
      const fixed = rate(price.request, '0').plus(rate(price.image, '0').times(images));
      const inputCost = uncached.plus(read).plus(write).plus(fixed);
      const apart = price.reasoning !== undefined && t.reasoningKnown;
      const outputCost = apart
        ? toDecimal(price.output)
            .times(t.output - t.reasoning)
            .plus(rate(price.reasoning, '0').times(t.reasoning))
        : toDecimal(price.output).times(t.output);
      const discount = input
        .times(t.noCache + t.cacheRead + t.cacheWrite5m + t.cacheWrite1h)
        .minus(uncached.plus(read).plus(write));
      const inference = formatDecimal(inputCost.plus(outputCost));
      return {
        total: inference,
        market: inference,
        inference,
        input: formatDecimal(inputCost),
        output: formatDecimal(outputCost),
        cacheRead: formatDecimal(read),
        cacheWrite: formatDecimal(write),
        fixed: formatDecimal(fixed),
        cacheDiscount: formatDecimal(discount),
      };
    };
    const rates = [undefined, '0', '0.000001', '0.00000015', '0.0000025', '1.25', '3'];
    const counts = [0, 0, 1, 8, 22, 1000, 123_457];
    let seed = 7;
    const pick = <T>(values: T[]): T => {
      seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
      return values[seed % values.length] as T;
    };
    for (let round = 0; round < 2000; round += 1) {
      const price: ModelPrice = { input: pick(rates) ?? '0.000001', output: pick(rates) ?? '0.000002' };
      for (const key of [
        'cacheRead',
        'cacheWrite',
        'cacheWrite1h',
        'reasoning',
        'request',
        'image',
      ] as const) {
        const value = pick(rates);
        if (value !== undefined) price[key] = value;
      }
      const output = pick(counts);
      const t = tokens({
        noCache: pick(counts),
        cacheRead: pick(counts),
        cacheWrite5m: pick(counts),
        cacheWrite1h: pick(counts),
        output,
        reasoning: Math.min(output, pick(counts)),
        reasoningKnown: pick([true, false]),
      });
      const images = pick([0, 0, 2]);
      expect(computeCost({ tokens: t, price, images }), JSON.stringify({ price, t, images })).toMatchObject(
        reference(price, t, images),
      );
    }
  });
});
