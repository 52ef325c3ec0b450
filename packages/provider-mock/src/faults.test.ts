import { describe, expect, it } from 'vitest';
import { FlakyCounter, parseFaults } from './faults.js';

describe('parseFaults', () => {
  it('parses every directive', () => {
    expect(parseFaults('echo:status-429:retry-after-2:delay-10:drip-5:drop-3')).toEqual({
      base: 'echo',
      faults: { status: 429, retryAfter: 2, delayMs: 10, dripMs: 5, dropAfter: 3 },
    });
    expect(parseFaults('gpt-4o:hang:reset:bad-json:truncate').faults).toEqual({
      hang: true,
      reset: true,
      badJson: true,
      truncate: true,
    });
    expect(parseFaults('plain')).toEqual({ base: 'plain', faults: {} });
  });

  it('fails a flaky model only the first n times', () => {
    const counter = new FlakyCounter();
    const { faults } = parseFaults('echo:flaky-500-2');
    expect([1, 2, 3].map(() => counter.next('echo:flaky-500-2', faults))).toEqual([500, 500, undefined]);
  });
});
