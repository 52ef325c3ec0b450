import { describe, expect, it } from 'vitest';
import { ManualClock } from './test-support.js';
import { WarnThrottle } from './warn-throttle.js';

describe('WarnThrottle', () => {
  it('logs once per interval and reports how many were suppressed', () => {
    const logged: Array<[string, Record<string, unknown> | undefined]> = [];
    const clock = new ManualClock();
    const throttle = new WarnThrottle(
      { warn: (message, details) => logged.push([message, details]) },
      1000,
      clock,
    );
    throttle.warn('down', { a: 1 });
    throttle.warn('down');
    throttle.warn('down');
    clock.advance(1000);
    throttle.warn('down', { a: 2 });
    expect(logged).toEqual([
      ['down', { a: 1 }],
      ['down', { a: 2, suppressed: 2 }],
    ]);
  });
});
