import { describe, expect, it } from 'vitest';
import { createSignInThrottle } from './sign-in-throttle.js';

describe('sign-in throttle', () => {
  it('blocks an address after too many failures, until the window passes', () => {
    let now = 0;
    const throttle = createSignInThrottle({ maxFailures: 3, windowMs: 1000, now: () => now });
    for (let index = 0; index < 3; index += 1) {
      expect(throttle.allowed('1.2.3.4')).toBe(true);
      throttle.failed('1.2.3.4');
    }
    expect(throttle.allowed('1.2.3.4')).toBe(false);
    expect(throttle.allowed('5.6.7.8')).toBe(true);
    now = 1001;
    expect(throttle.allowed('1.2.3.4')).toBe(true);
  });

  it('forgets an address after a success, and stays bounded', () => {
    const throttle = createSignInThrottle({ maxFailures: 1, maxAddresses: 2 });
    throttle.failed('a');
    throttle.succeeded('a');
    expect(throttle.allowed('a')).toBe(true);
    throttle.failed('b');
    throttle.failed('c');
    throttle.failed('d');
    expect(throttle.allowed('b')).toBe(true);
    expect(throttle.allowed('d')).toBe(false);
  });
});
