import { describe, expect, it } from 'vitest';
import { FlakyCounts, parseFaultDirectives } from './fake-cohere-faults.js';

describe('parseFaultDirectives', () => {
  it('splits the model name from its directives', () => {
    expect(parseFaultDirectives('command-a-03-2025:status-429:retry-after-1.5')).toEqual({
      model: 'command-a-03-2025',
      faults: { status: 429, retryAfter: 1.5 },
    });
    expect(
      parseFaultDirectives('m:flaky-503-2:delay-10:drip-5:drop-3:hang:reset:bad-json:truncate:unknown')
        .faults,
    ).toEqual({
      flaky: { status: 503, times: 2 },
      delayMs: 10,
      dripMs: 5,
      dropAfter: 3,
      hang: true,
      reset: true,
      badJson: true,
      truncate: true,
    });
    expect(parseFaultDirectives('command-r7b-12-2024')).toEqual({ model: 'command-r7b-12-2024', faults: {} });
    expect(parseFaultDirectives('m:constructor').faults).toEqual({});
  });
});

describe('FlakyCounts', () => {
  it('fails the first n requests of one model id only', () => {
    const counts = new FlakyCounts();
    const faults = { flaky: { status: 500, times: 2 } };
    expect([counts.next('a', faults), counts.next('a', faults), counts.next('a', faults)]).toEqual([
      500,
      500,
      undefined,
    ]);
    expect(counts.next('b', faults)).toBe(500);
    expect(counts.next('b', {})).toBeUndefined();
    counts.reset();
    expect(counts.next('a', faults)).toBe(500);
  });
});
