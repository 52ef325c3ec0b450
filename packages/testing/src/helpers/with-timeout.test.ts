import { describe, expect, it } from 'vitest';
import { TimeoutError, withTimeout } from './with-timeout.js';

describe('withTimeout', () => {
  it('passes the value or the rejection through', async () => {
    await expect(withTimeout(Promise.resolve(5), 100)).resolves.toBe(5);
    await expect(withTimeout(Promise.reject(new Error('no')), 100)).rejects.toThrow('no');
  });

  it('rejects with a TimeoutError when too slow', async () => {
    const never = new Promise<never>(() => {});
    await expect(withTimeout(never, 10)).rejects.toBeInstanceOf(TimeoutError);
    await expect(withTimeout(never, 10, 'too slow')).rejects.toThrow('too slow');
  });
});
