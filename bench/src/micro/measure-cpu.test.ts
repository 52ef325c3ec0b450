import { describe, expect, it } from 'vitest';
import { measureOperation } from './measure-cpu.js';

describe('measureOperation', () => {
  it('runs the warm-up and the measured runs, and reports per-run costs', async () => {
    let calls = 0;
    const cost = await measureOperation(
      'count',
      () => {
        calls += 1;
      },
      { runs: 100, warmup: 10 },
    );
    expect(calls).toBe(110);
    expect(cost).toMatchObject({ name: 'count', runs: 100 });
    expect(cost.cpuMicros).toBeGreaterThanOrEqual(0);
  });
});
